/**
 * KIA0102: an operation's `methods` entry is neither an HTTP method nor a fully-qualified
 * gRPC method (`/package.Service/Method`), so it never matches a request. Envoy compares the
 * `:method` header as sent, so `get` never matches `GET`. Istio's `prefix*`, `*suffix` and
 * `*` forms are fine when they can match some method.
 */
import "server-only";
import type { AuthorizationPolicy } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import type { Rule } from "../../types";
import { operationsOf, policyStringMatches, stringsOf } from "./rule-fields";

// Every method HTTP/1.1 and HTTP/2 define (RFC 9110 and RFC 5789), not only those the
// route wizards offer (lib/contracts/traffic.ts).
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];
const GRPC_METHOD = /^\/[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+\/[A-Za-z_][\w]*$/;

function isValidMethod(method: string): boolean {
  return GRPC_METHOD.test(method) || HTTP_METHODS.some((m) => policyStringMatches(method, m));
}

function fixFor(method: string): string {
  const upper = method.toUpperCase();
  if (upper !== method && HTTP_METHODS.some((m) => policyStringMatches(upper, m)))
    return `"${method}" never matches: methods are case-sensitive, write "${upper}"`;
  return `"${method}" never matches a request; use an HTTP method such as GET or a gRPC method as /package.Service/Method`;
}

export const checkMethodsValid: Rule<AuthorizationPolicy> = (policy) =>
  operationsOf(policy)
    .flatMap((operation) => stringsOf(operation, "methods"))
    .filter(({ value }) => !isValidMethod(value))
    .map(({ value, path }) => buildCheck("KIA0102", path, { detail: fixFor(value) }));
