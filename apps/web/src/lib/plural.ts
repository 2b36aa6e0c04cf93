/** "1 question", "3 questions", "2 properties" (with `many`). */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
