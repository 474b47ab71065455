// The parser is pure and shared with the reports (shared/report/html.ts): one source, kept here under its old path.
export * from '../../../shared/reference/parse-reference';
