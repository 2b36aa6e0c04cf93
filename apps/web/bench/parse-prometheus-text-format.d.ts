// The package ships no types: what the benchmark reads of its answer (one family per metric name).
declare module "parse-prometheus-text-format" {
  export interface PrometheusFamily {
    name: string;
    metrics: Array<{ labels?: Record<string, string>; value?: string }>;
  }
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[];
}
