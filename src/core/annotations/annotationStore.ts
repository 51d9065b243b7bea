// The one writer of the reader's notes: `.kexue/annotations/<key>.json`, one file per post, keyed by
// the post's identity. File access comes through a small interface (Node's fs in the CLI and the
// extension, memory in tests), so this stays pure.
//
// What it promises: every write is atomic (the file system's writeAtomic: temp file + rename); a file
// that does not parse is reported, never overwritten — writing to that post is refused until the reader
// fixes or removes it — and every other post's notes still load; changes to one post are applied one
// after another (read, change, write), so two quick edits cannot lose each other.
import { AnnotationFileError, parseAnnotationFile, serializeAnnotationFile } from './annotationFile';
import type { Annotation, AnnotationFile, PostIdentity } from './model';
import { candidateKeys } from './postIdentity';

export interface AnnotationFileSystem {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Writes through a temporary file in the same folder and a rename, creating the folder if needed. */
  writeAtomic(path: string, text: string): Promise<void>;
  /** Names of the files in `dir` ([] when it does not exist). */
  list(dir: string): Promise<string[]>;
}

export interface CorruptFile {
  /** Path of the file, as the store names it. */
  file: string;
  message: string;
}

export class CorruptAnnotationFileError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file} is not a valid annotation file (${reason}); it was left untouched — fix or remove it to add notes to this post`);
  }
}

export const ANNOTATIONS_FOLDER = '.kexue/annotations';

/** The annotations of one post as found on disk. */
export interface LoadedPost {
  /** The key the post's file is filed under (its current identity key when it has no file yet). */
  key: string;
  path: string;
  annotations: Annotation[];
  /** Set when the post's file exists but is corrupt; `annotations` is then empty. */
  corrupt?: CorruptFile;
}

export class AnnotationStore {
  private readonly queues = new Map<string, Promise<unknown>>();

  /** `libraryRoot` is the folder that holds (or will hold) `.kexue/`. */
  constructor(private readonly files: AnnotationFileSystem, readonly libraryRoot: string) {}

  get folder(): string {
    return `${this.libraryRoot.replace(/[\\/]+$/, '')}/${ANNOTATIONS_FOLDER}`;
  }

  pathOf(key: string): string {
    return `${this.folder}/${key}.json`;
  }

  /** The post's annotations, found under whichever of its keys has a file (the first such key wins). */
  async load(identity: Omit<PostIdentity, 'key' | 'source'> & { key: string }): Promise<LoadedPost> {
    const keys = [identity.key, ...candidateKeys(identity).filter((k) => k !== identity.key)];
    for (const key of keys) {
      const path = this.pathOf(key);
      const text = await this.files.read(path);
      if (text === undefined) continue;
      try {
        return { key, path, annotations: parseAnnotationFile(text).annotations };
      } catch (error) {
        return { key, path, annotations: [], corrupt: { file: path, message: messageOf(error) } };
      }
    }
    return { key: identity.key, path: this.pathOf(identity.key), annotations: [] };
  }

  /** Every post's file in the folder: the good ones parsed, the bad ones reported. */
  async loadAll(): Promise<{ files: AnnotationFile[]; corrupt: CorruptFile[] }> {
    const files: AnnotationFile[] = [];
    const corrupt: CorruptFile[] = [];
    for (const name of (await this.files.list(this.folder)).filter((n) => n.endsWith('.json')).sort()) {
      const path = `${this.folder}/${name}`;
      const text = await this.files.read(path);
      if (text === undefined) continue;
      try {
        files.push(parseAnnotationFile(text));
      } catch (error) {
        corrupt.push({ file: path, message: messageOf(error) });
      }
    }
    return { files, corrupt };
  }

  /**
   * Reads the post's file, applies `change` to its annotations and writes the result, one change per
   * post at a time. Refuses (CorruptAnnotationFileError) when the file on disk does not parse.
   */
  modify<T>(identity: PostIdentity, change: (annotations: Annotation[]) => { annotations: Annotation[]; result: T }): Promise<T> {
    const run = async (): Promise<T> => {
      const loaded = await this.load(identity);
      if (loaded.corrupt) throw new CorruptAnnotationFileError(loaded.corrupt.file, loaded.corrupt.message);
      const { annotations, result } = change(loaded.annotations.map((a) => structuredClone(a)));
      const file: AnnotationFile = {
        version: 1,
        post: { key: loaded.key, url: identity.url, slug: identity.slug, title: identity.title, date: identity.date },
        annotations,
      };
      await this.files.writeAtomic(loaded.path, serializeAnnotationFile(file));
      return result;
    };
    const previous = this.queues.get(identity.key) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    this.queues.set(identity.key, settled);
    void settled.then(() => {
      if (this.queues.get(identity.key) === settled) this.queues.delete(identity.key);
    });
    return next;
  }

  add(identity: PostIdentity, annotation: Annotation, current?: (annotations: Annotation[]) => Annotation[]): Promise<Annotation> {
    return this.modify(identity, (annotations) => ({ annotations: [...(current ? current(annotations) : annotations), annotation], result: annotation }));
  }

  /** Replaces the annotation with the same id; false when there is none. */
  update(identity: PostIdentity, annotation: Annotation): Promise<boolean> {
    return this.modify(identity, (annotations) => {
      const index = annotations.findIndex((a) => a.id === annotation.id);
      if (index < 0) return { annotations, result: false };
      const next = [...annotations];
      next[index] = annotation;
      return { annotations: next, result: true };
    });
  }

  remove(identity: PostIdentity, id: string): Promise<boolean> {
    return this.modify(identity, (annotations) => {
      const next = annotations.filter((a) => a.id !== id);
      return { annotations: next, result: next.length !== annotations.length };
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof AnnotationFileError || error instanceof Error ? error.message : String(error);
}
