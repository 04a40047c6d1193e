// `teamset media-roots list|add|remove`: the directories the server may serve sample media from (admins).
import type { CliContext } from '../cli-context.js';
import type { TeamsetCommand } from '../teamset-command.js';
import type { MediaRoot } from '@teamset/contract';
import type { AdminBackend } from '../backends/admin-backend.js';
import { CliError } from '../cli-errors.js';
import type { Column } from '../render/output.js';

const ROOT_COLUMNS: readonly Column<MediaRoot>[] = [
  { header: 'PATH', value: (r) => r.path },
  { header: 'SOURCE', value: (r) => (r.source === 'server' ? 'server (--media-root)' : 'organization') },
  { header: 'AVAILABLE', value: (r) => (r.available ? 'yes' : 'no: not a directory the server can read now') },
];

function showRoots(ctx: CliContext, roots: readonly MediaRoot[]): void {
  if (ctx.out.json) return ctx.out.writeJson({ roots });
  if (roots.length === 0)
    return ctx.out.line(
      'No media roots: the server serves no sample media (add one with `teamset media-roots add <dir>`).',
    );
  ctx.out.table(roots, ROOT_COLUMNS);
}

/** The organization's roots, as the list to send back with changes. */
function organizationPaths(roots: readonly MediaRoot[]): string[] {
  return roots.filter((r) => r.source === 'organization').map((r) => r.path);
}

/** `dir` as the server lists it, as far as can be told here: no trailing separators. */
function listedForm(dir: string): string {
  return dir.length > 1 ? dir.replace(/[/\\]+$/, '') : dir;
}

/** The organization's roots without `dirs`; each must be one of them (server roots are refused with where to change them). */
function without(roots: readonly MediaRoot[], dirs: readonly string[]): string[] {
  const removed = new Set<string>();
  for (const dir of dirs) {
    const root = roots.find((r) => r.path === listedForm(dir));
    if (!root)
      throw new CliError(
        `${dir} is not a media root (roots are listed as their real paths: see \`teamset media-roots list\`)`,
      );
    if (root.source === 'server')
      throw new CliError(
        `${root.path} is the server's own media root: it is given to \`teamset serve\` by --media-root or TEAMSET_MEDIA_ROOTS, and removed there`,
      );
    removed.add(root.path);
  }
  return organizationPaths(roots).filter((path) => !removed.has(path));
}

/**
 * add and remove read the list and write it back whole (the API replaces the organization's list), so two admins
 * changing it at the same moment can undo each other's change; the audit log has both.
 */
async function change(backend: AdminBackend, next: (roots: MediaRoot[]) => string[]): Promise<MediaRoot[]> {
  return backend.setMediaRoots(next(await backend.listMediaRoots()));
}

export function registerMediaRootsCommands(program: TeamsetCommand): void {
  const mediaRoots = program
    .command('media-roots')
    .description(
      "manage the directories the server may serve sample images from (admins); the server's own --media-root ones are listed too",
    );

  mediaRoots
    .command('list')
    .description("list the media roots: the organization's, and the server's own (over the API)")
    .run(async (ctx) => {
      showRoots(ctx, await ctx.withBackend((backend) => backend.listMediaRoots()));
    });

  mediaRoots
    .command('add')
    .description(
      "add media roots: absolute paths of existing directories on the server's machine, stored as their real paths",
    )
    .argument('<dirs...>', 'directories')
    .run<[string[]]>(async (ctx, [dirs]) => {
      showRoots(
        ctx,
        await ctx.withBackend((backend) => change(backend, (roots) => [...organizationPaths(roots), ...dirs])),
      );
    });

  mediaRoots
    .command('remove')
    .description("remove media roots of the organization; their samples' images are no longer served")
    .argument('<dirs...>', 'directories, as `media-roots list` shows them')
    .run<[string[]]>(async (ctx, [dirs]) => {
      showRoots(ctx, await ctx.withBackend((backend) => change(backend, (roots) => without(roots, dirs))));
    });
}
