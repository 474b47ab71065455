/** Where the Electron binary is, or why there is none (scripts/electron-binary.mjs). */
export function electronBinary(root: string): { bin: string } | { reason: string };
