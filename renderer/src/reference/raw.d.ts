// Vite's `?raw` import: the file's text as a string (the bundled reference document).
declare module '*.md?raw' {
  const text: string;
  export default text;
}
