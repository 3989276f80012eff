import { describe, expect, it } from "vitest";
import { chooseInboundTraffic } from "./inbound-traffic";

const quiet: [number, number][] = [
  [0, 0],
  [30, 0],
];
const busy = (v: number): [number, number][] => [
  [0, v / 2],
  [30, v],
];

describe("a namespace card's inbound traffic", () => {
  it("draws TCP bytes for a namespace that only speaks TCP, instead of saying it has no traffic", () => {
    expect(chooseInboundTraffic({ inboundRate: quiet, inboundTcpRate: busy(2048) })).toEqual({
      line: { what: "Inbound TCP", unit: "bytesPerSecond", points: busy(2048) },
    });
  });

  it("draws requests when there are any, and names the TCP rate beside them", () => {
    expect(chooseInboundTraffic({ inboundRate: busy(4), inboundTcpRate: busy(512) })).toEqual({
      line: { what: "Inbound requests", unit: "rps", points: busy(4) },
      tcpBesideRequests: 512,
    });
    expect(chooseInboundTraffic({ inboundRate: busy(4), inboundTcpRate: [] })).toEqual({
      line: { what: "Inbound requests", unit: "rps", points: busy(4) },
    });
  });

  it("draws nothing for a namespace without traffic of either kind", () => {
    expect(chooseInboundTraffic({ inboundRate: quiet, inboundTcpRate: [] })).toEqual({});
  });
});
