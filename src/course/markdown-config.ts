import type { AstroUserConfig } from 'astro';
import { courseCodeBlocks } from './code-blocks.ts';

/**
 * Markdown options of the site, shared by astro.config.mjs and the content check that compiles
 * every lesson as the build does.
 */
export const courseMarkdown = {
  shikiConfig: {
    // The "-default" GitHub themes: every token colour has at least 4.5:1 contrast on the
    // theme's background (github-light's orange and github-dark's comments fall short).
    themes: { light: 'github-light-default', dark: 'github-dark-default' },
    defaultColor: false,
    transformers: [courseCodeBlocks()],
  },
} satisfies AstroUserConfig['markdown'];
