/**
 * The production backend: the real handler map (main/api) over a SQLite project in `dataDir`.
 * Wired once main/api lands; until then it says so plainly instead of pretending.
 */
import type { Backend } from './backend';

export type ProjectBackendOptions = { projectPath?: string; dataDir: string };

export async function createProjectBackend(_opts: ProjectBackendOptions): Promise<Backend> {
  throw new Error('The handler map (main/api) is not available yet; pass `backend` to startServer.');
}
