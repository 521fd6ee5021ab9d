// asl-validator ships no types; this is the part of its API the definition's test uses.
declare module "asl-validator" {
  interface Options {
    checkPaths?: boolean;
    checkArn?: boolean;
  }
  export default function validate(
    definition: unknown,
    options?: Options,
  ): { isValid: boolean; errors: { message?: string }[]; errorsText: (separator?: string) => string };
}
