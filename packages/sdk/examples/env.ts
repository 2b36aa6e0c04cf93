// What the examples read from their environment: where the platform is and the key to use.
// (An example's only configuration; copy it along with the example.)

export interface ExampleEnv {
  /** The platform's origin, e.g. https://toolbox.example.org (TOOLBOX_URL). */
  url: string;
  /** An API key from the admin's API keys page (TOOLBOX_API_KEY). */
  apiKey: string;
}

export function exampleEnv(): ExampleEnv {
  const url = process.env.TOOLBOX_URL?.trim();
  const apiKey = process.env.TOOLBOX_API_KEY?.trim();
  const missing = [!url && "TOOLBOX_URL", !apiKey && "TOOLBOX_API_KEY"].filter(Boolean);
  if (!url || !apiKey) {
    console.error(`Set ${missing.join(" and ")} (the platform's URL and an API key from Admin > API keys).`);
    process.exit(2);
  }
  return { url, apiKey };
}
