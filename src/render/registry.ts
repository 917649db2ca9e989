// Renderer registry (STYLE §9): the CLI's --format choices come from this map.
import type { Report } from '../types';
import type { RenderOptions } from './options';
import { renderTable } from './table';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderHtml } from './html';
import { renderJira } from './jira';

export type { RenderOptions };

export const RENDERERS = {
  table: (r: Report, o: RenderOptions) => renderTable(r, o),
  json: (r: Report) => renderJson(r),
  markdown: (r: Report, o: RenderOptions) => renderMarkdown(r, o),
  html: (r: Report, o: RenderOptions) => renderHtml(r, o),
  jira: (r: Report, o: RenderOptions) => renderJira(r, o),
} satisfies Record<string, (r: Report, o: RenderOptions) => string>;

export type FormatName = keyof typeof RENDERERS;
export const FORMAT_NAMES = Object.keys(RENDERERS) as FormatName[];
