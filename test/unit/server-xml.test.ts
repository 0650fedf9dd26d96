import { parseListBucketResult } from '../../src/server/list-xml.ts';
import { childText, xmlRoot } from '../../src/server/xml.ts';

describe('reading S3 XML (txml)', () => {
  it('decodes entities and character references and keeps whitespace, so keys come back exactly', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Contents><Key> a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x1F600; </Key><Size>3</Size><ETag>&quot;abc&quot;</ETag><LastModified>2026-11-23T10:17:44.930Z</LastModified></Contents>
  <Contents><Key><![CDATA[x<y]]></Key><Size>0</Size></Contents>
  <CommonPrefixes><Prefix>users/42/&amp;/</Prefix></CommonPrefixes>
  <IsTruncated>true</IsTruncated><NextContinuationToken>t&amp;k</NextContinuationToken>
</ListBucketResult>`;
    expect(parseListBucketResult(xml)).toEqual({
      objects: [
        { key: ' a & b <c> "d" \'e\' é😀 ', size: 3, etag: '"abc"', lastModified: '2026-11-23T10:17:44.930Z' },
        { key: 'x<y', size: 0, etag: '', lastModified: '' },
      ],
      prefixes: ['users/42/&/'],
      nextToken: 't&k',
    });
  });

  it('refuses what is not the expected root: another root, an error document, malformed XML, no XML', () => {
    expect(xmlRoot('<Error><Code>AccessDenied</Code></Error>', 'ListBucketResult')).toBeUndefined();
    expect(xmlRoot('<ListBucketResult><Key>a</Kez></ListBucketResult>', 'ListBucketResult')).toBeUndefined();
    expect(xmlRoot('not xml', 'ListBucketResult')).toBeUndefined();
    expect(xmlRoot('', 'ListBucketResult')).toBeUndefined();
    expect(() => parseListBucketResult('<Error><Code>AccessDenied</Code></Error>')).toThrow(/ListBucketResult/);
    expect(() => parseListBucketResult('<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>')).toThrow(/Key/);
  });

  it('reads the UploadId of InitiateMultipartUploadResult', () => {
    const root = xmlRoot('<?xml version="1.0"?>\n<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>id&amp;1</UploadId></InitiateMultipartUploadResult>', 'InitiateMultipartUploadResult');
    expect(root && childText(root, 'UploadId')).toBe('id&1');
    expect(root && childText(root, 'Missing')).toBeUndefined();
  });
});
