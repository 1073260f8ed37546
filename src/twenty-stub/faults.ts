/** Seeded fault injection: which misbehaviour, if any, a request suffers (see FaultOptions). */
import { createPrng } from "./prng";

export interface FaultOptions {
  /** Probability of a 500 InternalServerErrorException envelope. */
  serverErrorRate?: number;
  /** Probability of a bare 502 with a non-JSON body, as a proxy would send. */
  badGatewayRate?: number;
  /** Probability the request hangs, never answered until the client gives up. */
  timeoutRate?: number;
  /** Probability the socket is destroyed mid-response (or after the write is applied). */
  dropRate?: number;
  /** Added to every request. */
  latencyMs?: number;
  /** Deterministic randomness. */
  seed?: number;
  /** When true, a dropped/timeout fault on a write happens AFTER the write was applied (the nasty case). */
  faultAfterWrite?: boolean;
}

export type Fault = "serverError" | "badGateway" | "timeout" | "drop" | null;

export class FaultPlan {
  private readonly random: () => number;

  constructor(readonly options: FaultOptions) {
    this.random = createPrng(options.seed ?? 1);
  }

  /** Draws one fault for a request; rates are checked in a fixed order against one uniform draw. */
  draw(): Fault {
    const r = this.random();
    let edge = 0;
    const rates: [Exclude<Fault, null>, number | undefined][] = [
      ["serverError", this.options.serverErrorRate],
      ["badGateway", this.options.badGatewayRate],
      ["timeout", this.options.timeoutRate],
      ["drop", this.options.dropRate],
    ];
    for (const [fault, rate] of rates) {
      edge += rate ?? 0;
      if (r < edge) return fault;
    }
    return null;
  }
}
