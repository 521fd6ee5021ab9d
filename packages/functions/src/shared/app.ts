import * as Config from "@amparo/core/config";
import { NotFoundError, VisibleError } from "@amparo/core/error";
import { canonicalLocale, defaultLocale, type Locale } from "@amparo/core/i18n";
import { logger } from "@amparo/core/log";
import * as Words from "@amparo/core/words";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { csrf } from "hono/csrf";
import { getCookie, setCookie } from "hono/cookie";
import { languageDetector } from "hono/language";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ErrorPage, html } from "./pages.js";
import { internalProblem, toProblem, type Problem } from "./problem.js";

export type Env = {
  Variables: {
    /** The reader's language: what the pages and problems of this request are written in. */
    language: Locale;
    /** The languages this request's pages offer to switch to (a call's own pages narrow it: `offerLanguages`). */
    languages: readonly Locale[];
  };
};
export type AppContext = Context<Env>;

/** Requests larger than this are refused before they are read: nothing legitimate is bigger, but a concept note. */
export const maxBodyBytes = 64 * 1024;

/**
 * The most bytes one character of text can take in a request body: a form post percent-encodes each UTF-8
 * byte as three (`%E1%9E%80`), and a character of the Khmer, Burmese or Thai blocks is three UTF-8 bytes, so
 * nine. (JSON that escapes non-ASCII as `\uXXXX`, as Python's `json.dumps` does by default, takes six.)
 */
const worstBytesPerChar = 9;

/** The body limit of the routes that carry a note (`carriesNote`): the most characters any call's note may hold,
 * at the worst bytes a character, plus room for field names; the per-field character cap is checked on save.
 * Why this figure, and only on these routes: docs/decisions/note-body-limit.md */
export const maxNoteBodyBytes = Words.maxNoteChars * worstBytesPerChar + maxBodyBytes;

/**
 * The routes that carry a note: the concept note's, the full application's and a grant report's, each as the
 * API's PUT and as the page's form post.
 */
const carriesNote = (method: string, path: string) =>
  (method === "PUT" && /^\/api\/v1\/applications\/[^/]+\/(concept-note|full-application)$/.test(path)) ||
  (method === "POST" && path === "/apply/my/concept-note") ||
  // The full application's text, as the concept note's (the call schema bounds it the same way).
  (method === "POST" && path === "/apply/my/full-application") ||
  // A grant's report, a part like the others: its narrative in Thai or Burmese passes 64 KiB well within its limit.
  (method === "PUT" && /^\/api\/v1\/applications\/[^/]+\/reports\/[^/]+$/.test(path)) ||
  (method === "POST" && /^\/apply\/my\/reports\/[^/]+$/.test(path));

/**
 * The body limit of saving a call's configuration (the structured editor's form, which carries the whole call
 * with every button press, its JSON page, and the API's PUT): a grant call with a second stage, its texts in three
 * languages and long next steps, form-encoded, passes 64 KiB. Four times that stays far inside DynamoDB's 400 KB
 * item, which the call is stored in; only admins reach these routes.
 */
export const maxCallBodyBytes = 4 * maxBodyBytes;

const carriesCall = (method: string, path: string) =>
  (method === "PUT" && /^\/api\/v1\/admin\/calls\/[^/]+$/.test(path)) ||
  (method === "POST" && /^\/staff\/admin\/calls\/[^/]+(\/json)?$/.test(path));

/** The cookie that remembers a language chosen with `?lang=`: a session cookie, gone when the browser closes. */
const languageCookie = "lang";

/** Paths under this prefix are the JSON API; everything else is a page and gets pages for errors too. */
const isApi = (path: string) => path.startsWith("/api/");

/** The Content-Security-Policy of every response: nothing but this origin, no script at all. */
export function contentSecurityPolicy(extraFormActions: string[] = []) {
  return {
    defaultSrc: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    formAction: ["'self'", ...extraFormActions],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  };
}

/**
 * Lets one page's forms post to another origin as well (the budget upload posts straight to S3); the
 * rest of the policy stays as strict.
 */
export function allowFormActions(c: Context, origins: string[]): void {
  const directives = contentSecurityPolicy(origins);
  c.header(
    "Content-Security-Policy",
    Object.entries(directives)
      .map(([name, values]) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(" ")}`)
      .join("; "),
  );
}

/**
 * An app's own error page for some of its page paths (the staff pages' frame, see `createApp`), or undefined
 * to leave the path to the common one.
 */
export type PageErrorRenderer = (c: Context, problem: Problem) => Promise<Response | undefined>;

async function send(c: AppContext, problem: Problem, pageError?: PageErrorRenderer) {
  if (isApi(c.req.path)) {
    return c.json(problem, problem.status as ContentfulStatusCode, { "Content-Type": "application/problem+json" });
  }
  const own = await pageError?.(c, problem).catch(() => undefined);
  if (own) return own;
  return html(
    c,
    ErrorPage({ locale: c.get("language") ?? "en", languages: c.get("languages"), problem, path: c.req.path }),
    problem.status as ContentfulStatusCode,
  );
}

/**
 * The origin the site answered this request on: the one whose cookies the browser sent and whose pages it
 * shows. The site may answer on more than one (`localhost` and `127.0.0.1` locally; a custom domain and
 * API Gateway's own in AWS, which routes only the domains it serves), and cookies are kept per host, so
 * whatever sends the browser back (S3 after an upload) must send it here, not to `PUBLIC_URL`. The CSRF
 * check counts it as our own for the same reason.
 */
export const siteOrigin = (c: Context) => new URL(c.req.url).origin;

/** Whether cookies must be Secure: everywhere the site is served over HTTPS (not on a local machine). */
export const secureCookies = () => new URL(Config.get().PUBLIC_URL).protocol === "https:";

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header("Authorization");
  return header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
}

/**
 * The answers that show a secret: sent uncompressed (see `showsSecret`). Kept per request, so no route list
 * can drift away from the handlers that print the secrets. A mark rather than `Cache-Control: no-transform`
 * (which Hono's middleware also respects): every page keeps the one `no-store` header it always sends.
 */
const secretAnswers = new WeakSet<Context>();

/**
 * Marks this request's answer as one that shows a secret (an access code, a TOTP secret, a session or link
 * token): it is sent uncompressed. Someone who watches the network sees the length of every answer, and a
 * compressed answer's length depends on how well its secret compresses against the rest of the body; if they
 * can also make the browser send requests whose text the answer reflects, they can guess the secret a
 * character at a time from the lengths (BREACH). These answers are small and shown once or a few times, so
 * sending them whole costs nothing that matters. Every other answer is compressed.
 */
export function showsSecret(c: Context): void {
  secretAnswers.add(c);
}

/**
 * Compresses pages, the stylesheet and JSON (gzip, or deflate for a client that takes only that) when the
 * client accepts it, so that the largest applicant page fits in one round trip (`npm run bench`). Hono's
 * middleware leaves alone what is already encoded, types that do not compress (PDF, spreadsheets),
 * `Cache-Control: no-transform`, and HEAD, and adds `Vary: Accept-Encoding`. It runs once the answer is final,
 * and not at all for an answer that shows a secret. No brotli: neither Hono nor Node 20's CompressionStream
 * offers it, and gzip already brings every page under the budget.
 */
function compressAnswers(): MiddlewareHandler {
  const gzip = compress();
  return async (c, next) => {
    await next();
    // The answer is already made: the middleware's own `next` has nothing left to run.
    if (!secretAnswers.has(c)) await gzip(c, async () => {});
  };
}

/**
 * One area of an app (a room: the quiz pages, the review API): its own routes, mounted on its audience's app
 * with `app.route("/", area)`, which then gives them its middleware, its error path and its description.
 */
export function createArea() {
  return new OpenAPIHono<Env>({
    // Validation failures take the one error path instead of the library's own answer. An area's routes
    // get their validators when they are declared, so every area needs this, not only the app.
    defaultHook: (result) => {
      if (!result.success) throw result.error;
    },
  });
}

/**
 * Creates one audience's app with what every response needs: compression, security headers, no caching, a
 * body limit, the reader's language, and the one error path (problem+json for the API, an error page for
 * pages). Its areas are mounted after this, so this middleware runs before their routes. `pageError` lets an
 * app frame its own error pages (the staff and report apps: a refusal on a staff page shows in the staff
 * frame); it is passed in rather than imported here, so the applicants' app never loads staff code.
 */
export function createApp(options: { pageError?: PageErrorRenderer; languages: readonly Locale[] }) {
  const app = createArea();

  // First, so every answer gets them, whatever made it: routes, error pages, compression.
  app.use(
    secureHeaders({
      contentSecurityPolicy: contentSecurityPolicy(),
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
      xContentTypeOptions: "nosniff",
      crossOriginOpenerPolicy: "same-origin",
      crossOriginResourcePolicy: "same-origin",
      crossOriginEmbedderPolicy: "require-corp",
      permissionsPolicy: {
        camera: [],
        microphone: [],
        geolocation: [],
        browsingTopics: [],
      },
      strictTransportSecurity: "max-age=63072000; includeSubDomains",
      xDnsPrefetchControl: "off",
      // A page that widened its own policy (see allowFormActions) keeps it.
      overwrite: false,
    }),
  );

  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });

  // Inside the headers above, which are set on the answer it makes: a middleware that replaces the Response
  // can drop headers set on the one before (the Node server's own Response did, so no answer over a socket
  // had them). It still wraps every route and error page.
  app.use(compressAnswers());

  // A first visit gets the first of the browser's languages this app offers, then English; `tl` is `fil`.
  app.use(
    languageDetector({
      supportedLanguages: [...options.languages],
      fallbackLanguage: defaultLocale,
      order: ["querystring", "cookie", "header"],
      lookupQueryString: "lang",
      lookupCookie: languageCookie,
      caches: false,
      convertDetectedLanguage: (tag) => canonicalLocale(tag) ?? tag,
    }) as unknown as MiddlewareHandler<Env>,
  );
  app.use(async (c, next) => {
    c.set("languages", options.languages);
    await next();
  });
  app.use(rememberLanguage(options.languages));

  // Page form posts must come from our own pages (Sec-Fetch-Site, or Origin where a browser sends no such
  // header). The JSON API needs no such check: it is authorised by a bearer token, never by a cookie.
  const sameOrigin = csrf({
    origin: (origin, c) => origin === siteOrigin(c) || origin === Config.get().PUBLIC_URL,
  });
  app.use((c, next) => (isApi(c.req.path) ? next() : sameOrigin(c, next)));

  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new VisibleError({
          kind: "too_large",
          code: "body_too_large",
          message: "error.too_large",
          params: { limit: { bytes: maxSize } },
        });
      },
    });
  const bodyLimits = { note: limitTo(maxNoteBodyBytes), call: limitTo(maxCallBodyBytes), other: limitTo(maxBodyBytes) };
  app.use((c, next) => {
    const { method, path } = c.req;
    if (carriesNote(method, path)) return bodyLimits.note(c, next);
    return (carriesCall(method, path) ? bodyLimits.call : bodyLimits.other)(c, next);
  });

  app.notFound((c) => send(c, toProblem(new NotFoundError(), c.get("language") ?? "en")!, options.pageError));

  app.onError((error, c) => {
    const locale = c.get("language") ?? "en";
    const problem = toProblem(error, locale);
    // A limit says when to come back, in the header clients and proxies read (RFC 9110).
    const seconds =
      error instanceof VisibleError && error.kind === "rate_limited" ? error.params["seconds"] : undefined;
    if (typeof seconds === "number") c.header("Retry-After", String(Math.max(1, Math.ceil(seconds))));
    if (problem) return send(c, problem, options.pageError);
    // Only the error's kind and where it was thrown: messages can carry what a client sent.
    logger.error("unhandled error", { errorName: error.name, path: c.req.routePath, stack: stackFrames(error) });
    return send(c, internalProblem(locale), options.pageError);
  });

  return app;
}

/** Keeps a language picked with `?lang=` for the rest of the visit, so links need not carry it. */
const rememberLanguage =
  (offered: readonly Locale[]): MiddlewareHandler<Env> =>
  async (c, next) => {
    const asked = canonicalLocale(c.req.query("lang") ?? "");
    if (asked && offered.includes(asked) && getCookie(c, languageCookie) !== asked) {
      setCookie(c, languageCookie, asked, {
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        secure: secureCookies(),
      });
    }
    await next();
  };

function stackFrames(error: Error): string[] {
  return (error.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 8);
}
