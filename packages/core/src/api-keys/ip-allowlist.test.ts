import { describe, expect, it } from "vitest";
import { ipAllowed } from "./ip-allowlist";

describe("IP allowlist", () => {
  it("allows every address when empty, an unknown one included", () => {
    expect(ipAllowed([], "203.0.113.9")).toBe(true);
    expect(ipAllowed([], null)).toBe(true);
  });

  it("matches single IPv4 and IPv6 addresses exactly", () => {
    expect(ipAllowed(["203.0.113.7"], "203.0.113.7")).toBe(true);
    expect(ipAllowed(["203.0.113.7"], "203.0.113.8")).toBe(false);
    expect(ipAllowed(["2001:db8::1"], "2001:0db8:0000::0001")).toBe(true);
    expect(ipAllowed(["2001:db8::1"], "2001:db8::2")).toBe(false);
  });

  it("matches CIDR blocks of either family", () => {
    expect(ipAllowed(["198.51.100.0/24"], "198.51.100.254")).toBe(true);
    expect(ipAllowed(["198.51.100.0/24"], "198.51.101.1")).toBe(false);
    expect(ipAllowed(["2001:db8::/32"], "2001:db8:ffff::42")).toBe(true);
    expect(ipAllowed(["2001:db8::/32"], "2001:db9::1")).toBe(false);
  });

  it("reads an IPv4 client on a dual-stack socket as IPv4", () => {
    expect(ipAllowed(["198.51.100.0/24"], "::ffff:198.51.100.3")).toBe(true);
  });

  it("refuses an unknown or malformed client address when the list is not empty", () => {
    expect(ipAllowed(["198.51.100.0/24"], null)).toBe(false);
    expect(ipAllowed(["198.51.100.0/24"], "not-an-ip")).toBe(false);
    expect(ipAllowed(["198.51.100.0/24"], "198.51.100.3")).toBe(true);
  });

  it("never lets an IPv4 block match an IPv6 client or the other way round", () => {
    expect(ipAllowed(["0.0.0.0/0"], "2001:db8::1")).toBe(false);
    expect(ipAllowed(["::/0"], "203.0.113.9")).toBe(false);
  });
});
