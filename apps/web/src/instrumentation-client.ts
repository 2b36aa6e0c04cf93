// Runs in the browser before the app's own code (Next's instrumentation-client convention).
import { z } from "zod";

// zod compiles object parsers with `new Function` when it may; it finds out by trying one, which
// a CSP without 'unsafe-eval' (src/proxy.ts) refuses and reports as a violation. Jitless mode
// parses the same, without the probe.
z.config({ jitless: true });
