/**
 * A browser's cookie store, small: the cookies each origin set (names and values; attributes
 * are checked by the tests that care), sent back to that origin — what a sign-in flow driven
 * by fetch needs to behave like a browser.
 */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  /** Keeps the cookies a response from `url` set; an empty value or Max-Age=0 removes one. */
  take(url: string, headers: Headers): void {
    const origin = new URL(url).origin;
    const cookies = this.byOrigin.get(origin) ?? new Map<string, string>();
    for (const line of headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === "" || /;\s*max-age=0\b/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.byOrigin.set(origin, cookies);
  }

  /** The Cookie header for a request to `url` (empty when there are none). */
  header(url: string): string {
    const cookies = this.byOrigin.get(new URL(url).origin) ?? new Map<string, string>();
    return [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }
}
