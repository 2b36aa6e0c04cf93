// Ids for the examples in the REST API's document (a middle-school science teacher's data), so
// one example's class is the class another example names.
export const EXAMPLE_IDS = {
  organization: "cmx5kf37d000gur7d9a2b3ijr",
  teacher: "cmx5jyjxv000nur7d96doegwg",
  student: "cmx5k4j6k0005ur7d4b7c1vwe",
  student2: "cmx5k5l7m0006ur7d8d2f3xyf",
  parent: "cmx5k6n8p0007ur7d1g4h5zag",
  class: "cmx5k0a2b0001ur7dh3k9p2qa",
  lesson: "cmx5k1c3d0002ur7d5m8n4rtb",
  quiz: "cmx5k2e4f0003ur7d7q1w6syc",
  environment: "cmx5k3g5h0004ur7d2x9z8tud",
  assignment: "cmx5k7q9r0008ur7d3j6k7abh",
  attempt: "cmx5k8s0t0009ur7d5l8m9bci",
  question: "cmx5k9u1v000aur7d7n0p1cdj",
  question2: "cmx5kaw2x000bur7d9q2r3dek",
  thread: "cmx5kby3z000cur7d1s4t5efm",
  message: "cmx5kc04a000dur7d3u6v7fgn",
  task: "cmx5kd15b000eur7d5w8x9ghp",
  apiKey: "cmx5ke26c000fur7d7y0z1hiq",
  session: "cmx5kg48e000hur7d1c4d5jks",
} as const;
