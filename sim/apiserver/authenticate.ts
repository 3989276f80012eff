/**
 * Authentication. Without a token file everyone is an administrator (the demo default);
 * with one (kube-apiserver's --token-auth-file CSV: `token,user,uid,"group1,group2"`)
 * every request needs a known bearer token, and the caller's user and groups come from it.
 */
import { readFileSync } from "node:fs";
import type { Authenticator, UserInfo } from "./request-context";

export const ADMIN_USER: UserInfo = { name: "system:admin", groups: ["system:masters", "system:authenticated"] };

/** Splits one CSV line, honouring double quotes (a quoted field may hold commas). */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === "," && !quoted) {
      fields.push(current);
      current = "";
    } else current += ch;
  }
  fields.push(current);
  return fields.map((f) => f.trim());
}

export function parseTokenFile(text: string): Map<string, UserInfo> {
  const users = new Map<string, UserInfo>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const [token, name, uid, groups] = splitCsvLine(line);
    if (!token || !name) continue;
    const groupList = (groups ?? "")
      .split(",")
      .map((g) => g.trim())
      .filter((g) => g !== "");
    users.set(token, { name, ...(uid ? { uid } : {}), groups: [...groupList, "system:authenticated"] });
  }
  return users;
}

export function allowEveryone(): Authenticator {
  return () => ADMIN_USER;
}

export function readTokenFile(path: string): Map<string, UserInfo> {
  return parseTokenFile(readFileSync(path, "utf8"));
}

/**
 * Token-file authentication. `adminToken` (the one the generated kubeconfig carries, like
 * the admin credentials kind writes) always maps to system:admin.
 */
export function authenticateWithTokens(tokens: ReadonlyMap<string, UserInfo>, adminToken?: string): Authenticator {
  const users = new Map(tokens);
  if (adminToken) users.set(adminToken, ADMIN_USER);
  return (req) => {
    const header = req.headers.authorization ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    return match?.[1] ? users.get(match[1].trim()) : undefined;
  };
}
