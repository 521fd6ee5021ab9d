import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Runs DynamoDB Local listening on 127.0.0.1 only. Its own launcher has no option for the address and binds
 * Jetty to every interface, so anyone who could reach the port could read the local table. This builds the
 * same server from the same command-line options, points its Jetty connectors at loopback before they open,
 * then starts it. Telemetry is never configured here, so none is sent whatever the options say.
 *
 * Started by packages/local/src/stand-ins.ts in Java's source-file mode (java -cp DynamoDBLocal.jar ... this
 * file), so nothing has to be compiled beforehand. If this ever fails (a Java runtime without its compiler,
 * or a DynamoDB Local release that changed inside), stand-ins.ts falls back to the jar's own launcher and says
 * so loudly.
 */
public class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    if (!new CommandLineInput(args).init()) return;
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    int bound = 0;
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector) {
        ((ServerConnector) connector).setHost("127.0.0.1");
        bound++;
      }
    }
    if (bound == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind to loopback");
    proxy.start();
    // The stand-ins wait for this line before they use the port.
    System.out.println("DynamoDB Local listening on 127.0.0.1 only");
  }
}
