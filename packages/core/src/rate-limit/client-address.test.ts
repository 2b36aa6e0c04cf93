// The client's IP and addressed host under each trusted-proxy setting: what the client writes into
// X-Forwarded-For or X-Forwarded-Host never decides either.
import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

function from(headers: Record<string, string>) {
  const h = new Headers(headers);
  return (name: string) => h.get(name);
}

const direct = { hops: 0, socketAddressAppended: true };

describe("the client's IP", () => {
  it("is the socket's address when no proxy is trusted, whatever the client claims", () => {
    // The app's server appended the socket's address (198.51.100.20) after the client's claim.
    const address = clientAddress(from({ "x-forwarded-for": "6.6.6.6, 198.51.100.20" }), direct);
    expect(address.ip).toBe("198.51.100.20");
  });

  it("is the address the trusted proxy saw, one place before the proxy's own", () => {
    const header = from({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" });
    expect(clientAddress(header, { hops: 1, socketAddressAppended: true }).ip).toBe("203.0.113.7");
  });

  it("goes no further left than the trusted proxies reach", () => {
    const header = from({ "x-forwarded-for": "203.0.113.7, 10.0.0.2" });
    expect(clientAddress(header, { hops: 5, socketAddressAppended: true }).ip).toBe("203.0.113.7");
  });

  it("is unknown when no trusted server recorded the socket's address", () => {
    const header = from({ "x-forwarded-for": "6.6.6.6" });
    expect(clientAddress(header, { hops: 0, socketAddressAppended: false }).ip).toBeNull();
  });

  it("is written the IPv4 way for an IPv4 client on a dual-stack socket", () => {
    expect(clientAddress(from({ "x-forwarded-for": "::ffff:127.0.0.1" }), direct).ip).toBe("127.0.0.1");
  });
});

describe("the addressed host", () => {
  it("is the Host header when no proxy is trusted, not a client's X-Forwarded-Host", () => {
    const header = from({ host: "school.example", "x-forwarded-host": "evil.example" });
    expect(clientAddress(header, direct).host).toBe("school.example");
  });

  it("is the trusted proxy's X-Forwarded-Host behind one", () => {
    const header = from({ host: "app:3000", "x-forwarded-host": "school.example" });
    expect(clientAddress(header, { hops: 1, socketAddressAppended: true }).host).toBe("school.example");
  });

  it("is the value the nearest proxy appended when the header is a list", () => {
    const header = from({ host: "app:3000", "x-forwarded-host": "evil.example, school.example" });
    expect(clientAddress(header, { hops: 1, socketAddressAppended: true }).host).toBe("school.example");
  });
});
