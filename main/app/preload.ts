// Preload of the sandboxed renderer: exposes window.permsim and nothing else (style.md §2.3).
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('permsim', createBridge(ipcRenderer));
