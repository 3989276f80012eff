/**
 * istiod compiles every regex it will hand to Envoy with Go's regexp package (RE2 syntax) and
 * refuses one that does not compile. re2js is a port of RE2 that words its errors as Go does
 * ("error parsing regexp: missing closing ): `((`"), so the message matches istiod's.
 */
import { RE2JS } from "re2js";

/** Go's regexp.Compile error for `pattern`, or undefined when it compiles. */
export function compileRegexError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
