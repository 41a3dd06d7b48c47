// The parts of autocannon 8's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    type Request = {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
      /** Builds the request as it is sent (each connection its own copy); answers the request to send. */
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    };
    type Options = {
      url: string;
      connections?: number;
      pipelining?: number;
      duration?: number;
      amount?: number;
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      requests?: Request[];
    };
    type Histogram = {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    };
    type Result = {
      requests: Histogram & { sent: number };
      latency: Histogram;
      throughput: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      duration: number;
      '2xx': number;
    };
    type Client = EventEmitter;
    type Instance = EventEmitter &
      PromiseLike<Result> & {
        on(
          event: 'response',
          listener: (client: Client, statusCode: number, resBytes: number, responseTime: number) => void,
        ): Instance;
        on(event: string, listener: (...args: unknown[]) => void): Instance;
        stop(): void;
      };
  }

  function autocannon(opts: autocannon.Options): autocannon.Instance;
  export default autocannon;
}
