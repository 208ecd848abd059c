// Written by consort new schemas: checks the front matter of content/
// against schemas/*.json in VS Code (extension unifiedjs.vscode-remark)
// and with npx remark content. See the README of consort.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const schemas = {
  './schemas/page.json': ['content/*.md', '*/content/*.md'],
  './schemas/cluster.json': ['content/*/clusters/*.md', '*/content/*/clusters/*.md'],
  './schemas/partner.json': ['content/*/partners/*.md', '*/content/*/partners/*.md'],
  './schemas/mission.json': ['content/*/missions/*.md', '*/content/*/missions/*.md'],
  './schemas/interview.json': ['content/*/interviews/*.md', '*/content/*/interviews/*.md'],
  './schemas/news.json': ['content/*/news/*.md', '*/content/*/news/*.md'],
  './schemas/section.json': ['content/*/clusters/index.md', '*/content/*/clusters/index.md', 'content/*/partners/index.md', '*/content/*/partners/index.md', 'content/*/missions/index.md', '*/content/*/missions/index.md', 'content/*/interviews/index.md', '*/content/*/interviews/index.md', 'content/*/news/index.md', '*/content/*/news/index.md'],
  './schemas/home.json': ['content/en/index.md', '*/content/en/index.md', 'content/fr/index.md', '*/content/fr/index.md'],
};

export default {
  plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, {schemas}]],
};
