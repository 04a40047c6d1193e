// Writes a file through a stream, waiting when the stream is full, so a large export never buffers in memory.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class JsonWriter {
  readonly #stream: WriteStream;
  #failure: Error | undefined;

  constructor(path: string) {
    this.#stream = createWriteStream(path, { encoding: 'utf8' });
    this.#stream.on('error', (error) => {
      this.#failure = error;
    });
  }

  async write(text: string): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (!this.#stream.write(text)) await once(this.#stream, 'drain');
  }

  async close(): Promise<void> {
    this.#stream.end();
    await once(this.#stream, 'close');
    if (this.#failure) throw this.#failure;
  }

  /** Closes without caring about errors (after another failure). */
  abort(): void {
    this.#stream.destroy();
  }
}
