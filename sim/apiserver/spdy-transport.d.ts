/**
 * The one part of spdy-transport (untyped CommonJS) the simulator uses: SPDY's header
 * compression dictionaries, keyed by protocol version. spdy-session.ts says why the rest of
 * the package (its Connection) cannot serve kubectl.
 */
declare module "spdy-transport" {
  const spdyTransport: {
    protocol: { spdy: { dictionary: Readonly<Record<3, Buffer>> } };
  };
  export default spdyTransport;
}
