/**
 * The answer of a sign-in route: a JSON body or a redirect, and the cookies to set with it.
 * The auth functions return this as data; the routes turn it into a response with one call.
 */
import "server-only";
import { NextResponse } from "next/server";
import type { CookieSettings } from "./session-cookie";

export type AuthAnswer =
  | { kind: "json"; body: unknown; status?: number; cookies: CookieSettings[] }
  | { kind: "redirect"; location: string; cookies: CookieSettings[] }
  /**
   * A same-origin page that moves on to `location`. After a sign-in at another site the
   * browser treats the whole redirect chain as cross-site and would not send a
   * `SameSite=Strict` cookie to the first page; a navigation started by the console's own
   * page is same-site, so the session is there when the page loads.
   */
  | { kind: "continue"; location: string; cookies: CookieSettings[] };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function toAuthResponse(answer: AuthAnswer): NextResponse {
  let response: NextResponse;
  if (answer.kind === "json") {
    response = NextResponse.json(answer.body, { status: answer.status ?? 200 });
  } else if (answer.kind === "redirect") {
    response = new NextResponse(null, { status: 303, headers: { Location: answer.location } });
  } else {
    const href = escapeHtml(answer.location);
    response = new NextResponse(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Signed in · Topsail</title></head><body><p>Signed in. <a href="${href}">Continue to Topsail</a>.</p></body></html>`,
      { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } },
    );
  }
  response.headers.set("Cache-Control", "no-store");
  for (const { name, value, ...options } of answer.cookies) response.cookies.set(name, value, options);
  return response;
}
