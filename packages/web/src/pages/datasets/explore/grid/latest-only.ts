// Keeps only the answers of the latest view: each new view (or revision) starts a generation, and an answer that
// arrives for an older generation is dropped, however late, so a slow page never lands in the view that replaced it.

export type Fresh<T> = { fresh: true; value: T } | { fresh: false };

export class LatestOnly {
  #generation = 0;

  /** Starts a new generation: every answer for the ones before it is dropped from now on. */
  next(): number {
    return ++this.#generation;
  }

  get current(): number {
    return this.#generation;
  }

  /** The request's answer, or `fresh: false` when a newer generation started while it ran (errors likewise). */
  async settle<T>(generation: number, request: Promise<T>): Promise<Fresh<T>> {
    try {
      const value = await request;
      return generation === this.#generation ? { fresh: true, value } : { fresh: false };
    } catch (error) {
      if (generation !== this.#generation) return { fresh: false };
      throw error;
    }
  }
}
