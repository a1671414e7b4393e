/**
 * WordPress's `wpautop` (wp-includes/formatting.php), ported: WordPress stores classic-editor
 * posts with blank lines where paragraphs go and adds `<p>`/`<br />` only when it prints them,
 * so an import must do the same to get the paragraphs the readers saw.
 */

const allBlocks =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

const openBlock = new RegExp(`(<${allBlocks}[\\s/>])`, 'g');
const closeBlock = new RegExp(`(</${allBlocks}>)`, 'g');
const pAroundBlock = new RegExp(`<p>\\s*(</?${allBlocks}[^>]*>)\\s*</p>`, 'g');
const pBeforeBlock = new RegExp(`<p>\\s*(</?${allBlocks}[^>]*>)`, 'g');
const pAfterBlock = new RegExp(`(</?${allBlocks}[^>]*>)\\s*</p>`, 'g');
const brAfterBlock = new RegExp(`(</?${allBlocks}[^>]*>)\\s*<br />`, 'g');

/** Newlines inside tags (`<a\nhref>`) must not become `<br />`; they are hidden and put back. */
function hideNewlinesInTags(text: string): string {
  return text.replace(/<[^<>]*>/g, (tag) => (tag.includes('\n') ? tag.replace(/\n/g, ' <!-- wpnl --> ') : tag));
}

export function autop(input: string, br = true): string {
  if (input.trim() === '') return '';
  let text = `${input}\n`;
  const preTags = new Map<string, string>();
  if (text.includes('<pre')) {
    const parts = text.split('</pre>');
    const last = parts.pop() ?? '';
    text = '';
    parts.forEach((part, i) => {
      const start = part.indexOf('<pre');
      if (start === -1) {
        text += part;
        return;
      }
      const name = `<pre wp-pre-tag-${i}></pre>`;
      preTags.set(name, `${part.slice(start)}</pre>`);
      text += part.slice(0, start) + name;
    });
    text += last;
  }
  text = text.replace(/<br\s*\/?>\s*<br\s*\/?>/g, '\n\n');
  text = text.replace(openBlock, '\n\n$1');
  text = text.replace(closeBlock, '$1\n\n');
  text = text.replace(/(<hr\s*?\/?>)/g, '$1\n\n');
  text = text.replace(/\r\n|\r/g, '\n');
  text = hideNewlinesInTags(text);
  if (text.includes('<figcaption')) {
    text = text.replace(/(?<!\s)\s*(<figcaption[^>]*>)/g, '$1').replace(/<\/figcaption>\s*/g, '</figcaption>');
  }
  text = text.replace(/\n\n+/g, '\n\n');
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p !== '');
  text = paragraphs.map((p) => `<p>${p.replace(/^\n+|(?<!\n)\n+$/g, '')}</p>\n`).join('');
  text = text.replace(/<p>\s*<\/p>/g, '');
  text = text.replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>');
  text = text.replace(pAroundBlock, '$1');
  text = text.replace(/<p>(<li.+?)<\/p>/g, '$1');
  text = text.replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>');
  text = text.replace(/<\/blockquote><\/p>/g, '</p></blockquote>');
  text = text.replace(pBeforeBlock, '$1');
  text = text.replace(pAfterBlock, '$1');
  if (br) {
    text = text.replace(/<(script|style|svg|math).*?<\/\1>/gs, (m) => m.replace(/\n/g, '<WPPreserveNewline />'));
    text = text.replace(/<br>|<br\/>/g, '<br />');
    // WordPress's `(?<!<br />)\s*\n`, started only where its match can start (a run of white
    // space, or one character into a run after `<br />`), so a long run is not rescanned per space.
    text = text.replace(/(?<!<br \/>|\s)\s*\n|(?<=<br \/>\s)\s*\n/g, '<br />\n');
    text = text.replace(/<WPPreserveNewline \/>/g, '\n');
  }
  text = text.replace(brAfterBlock, '$1');
  text = text.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/g, '$1');
  text = text.replace(/\n<\/p>$/g, '</p>');
  for (const [name, pre] of preTags) text = text.replace(name, () => pre);
  if (text.includes('<!-- wpnl -->')) text = text.replace(/ <!-- wpnl --> |<!-- wpnl -->/g, '\n');
  return text;
}
