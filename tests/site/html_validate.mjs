// Validates built HTML files with html-validate's API and prints one JSON list of results on stdout.
// The API rather than the CLI: html-validate 11's CLI needs Node >= 22 (fs.globSync) and Debian has 20.
// Usage: node tests/site/html_validate.mjs <config.json> <file.html>...
import { readFileSync } from "node:fs";
import { HtmlValidate, StaticConfigLoader } from "html-validate";

const [configPath, ...files] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, "utf8"));
const validator = new HtmlValidate(new StaticConfigLoader(config));
const results = [];
for (const file of files) {
  const report = await validator.validateString(readFileSync(file, "utf8"), file);
  results.push(...report.results);
}
process.stdout.write(JSON.stringify(results));
