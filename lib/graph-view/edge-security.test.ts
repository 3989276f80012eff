import { describe, expect, it } from "vitest";
import { describeMtls, edgeSecurity, securityMarkerOf } from "./edge-security";

describe("an edge's security", () => {
  it("is full mTLS at 100%, partial above 0% and below it, plaintext at 0%, unknown when the graph does not say", () => {
    expect(edgeSecurity({ mtlsPct: 100 })).toBe("mtls");
    expect(edgeSecurity({ mtlsPct: 99.9 })).toBe("partialMtls");
    expect(edgeSecurity({ mtlsPct: 0.1 })).toBe("partialMtls");
    expect(edgeSecurity({ mtlsPct: 0 })).toBe("plaintext");
    expect(edgeSecurity({})).toBe("unknown");
  });

  it("gives full and partial mTLS different markers, and none to the others", () => {
    const full = securityMarkerOf({ mtlsPct: 100 });
    const partial = securityMarkerOf({ mtlsPct: 40 });
    expect(full?.marker).toBe("🔒");
    expect(partial?.marker).toBe("🔒 partial");
    expect(partial?.describe({ mtlsPct: 40 })).toBe("partial mTLS (40.0%)");
    expect(securityMarkerOf({ mtlsPct: 0 })).toBeUndefined();
    expect(securityMarkerOf({})).toBeUndefined();
  });

  it("says in the edge panel how much of the traffic is protected", () => {
    expect(describeMtls({ mtlsPct: 100 })).toBe("yes, all traffic");
    expect(describeMtls({ mtlsPct: 62.5 })).toBe("partial, 62.5% of traffic (the rest plaintext)");
    expect(describeMtls({ mtlsPct: 0 })).toBe("no");
    expect(describeMtls({})).toBe("unknown");
  });
});
