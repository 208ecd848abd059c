// Written by consort new schemas: checks the front matter of content/
// against content/.schemas/*.json in VS Code (extension unifiedjs.vscode-remark)
// and with npx remark content. See the README of consort.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const schemas = {
  './.schemas/page.json': ['*.md', '*/*.md'],
  './.schemas/cluster.json': ['*/clusters/*.md', '*/*/clusters/*.md'],
  './.schemas/partner.json': ['*/partners/*.md', '*/*/partners/*.md'],
  './.schemas/mission.json': ['*/missions/*.md', '*/*/missions/*.md'],
  './.schemas/interview.json': ['*/interviews/*.md', '*/*/interviews/*.md'],
  './.schemas/news.json': ['*/news/*.md', '*/*/news/*.md'],
  './.schemas/section.json': ['*/clusters/index.md', '*/*/clusters/index.md', '*/partners/index.md', '*/*/partners/index.md', '*/missions/index.md', '*/*/missions/index.md', '*/interviews/index.md', '*/*/interviews/index.md', '*/news/index.md', '*/*/news/index.md'],
  './.schemas/home.json': ['en/index.md', '*/en/index.md', 'fr/index.md', '*/fr/index.md'],
};

export default {
  plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, {schemas}]],
};
