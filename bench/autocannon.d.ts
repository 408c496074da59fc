// Minimal types for the parts of autocannon 8 the API bench uses (the package ships none).
declare module 'autocannon' {
  namespace autocannon {
    interface Histogram {
      readonly average: number;
      readonly mean: number;
      readonly p50: number;
      readonly p97_5: number;
      readonly p99: number;
      readonly max: number;
    }
    interface RawRequest {
      method?: string;
      path?: string;
      body?: string;
      headers?: Record<string, string>;
    }
    interface Options {
      url: string;
      connections?: number;
      amount?: number;
      duration?: number;
      headers?: Record<string, string>;
      requests?: Array<{
        method?: string;
        setupRequest?: (request: RawRequest) => RawRequest | undefined;
      }>;
    }
    interface Result {
      readonly requests: Histogram & { readonly total: number };
      readonly latency: Histogram;
      readonly duration: number;
      readonly errors: number;
      readonly timeouts: number;
      readonly non2xx: number;
      readonly statusCodeStats: Record<string, { count: number }>;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
