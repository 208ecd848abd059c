// Written by consort new schemas: checks the front matter of content/
// against content/.schemas/*.json in VS Code (extension unifiedjs.vscode-remark)
// and with npx remark content. See the README of consort.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const schemas = {
  './content/.schemas/page.json': ['content/*.md', '*/content/*.md'],
  './content/.schemas/cluster.json': ['content/*/clusters/*.md', '*/content/*/clusters/*.md'],
  './content/.schemas/partner.json': ['content/*/partners/*.md', '*/content/*/partners/*.md'],
  './content/.schemas/mission.json': ['content/*/missions/*.md', '*/content/*/missions/*.md'],
  './content/.schemas/interview.json': ['content/*/interviews/*.md', '*/content/*/interviews/*.md'],
  './content/.schemas/news.json': ['content/*/news/*.md', '*/content/*/news/*.md'],
  './content/.schemas/section.json': ['content/*/clusters/index.md', '*/content/*/clusters/index.md', 'content/*/partners/index.md', '*/content/*/partners/index.md', 'content/*/missions/index.md', '*/content/*/missions/index.md', 'content/*/interviews/index.md', '*/content/*/interviews/index.md', 'content/*/news/index.md', '*/content/*/news/index.md'],
  './content/.schemas/home.json': ['content/en/index.md', '*/content/en/index.md', 'content/fr/index.md', '*/content/fr/index.md'],
};

export default {
  plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, {schemas}]],
};
