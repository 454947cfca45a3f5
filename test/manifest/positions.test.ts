import { describe, expect, it } from 'vitest';
import { elementPositions } from '../../src/manifest/positions.js';
import { parseTextXml } from '../../src/manifest/text.js';
import { locateEvidencePath, parseEvidencePath } from '../../src/manifest/locate.js';

const MANIFEST = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<!-- <activity android:name=".Commented"/> is not an element -->',
  '<manifest xmlns:android="http://schemas.android.com/apk/res/android"',
  '    xmlns:tools="http://schemas.android.com/tools" package="com.example.app">',
  '  <uses-permission android:name="android.permission.CAMERA"/>',
  '  <uses-permission',
  '      android:name="android.permission.READ_CONTACTS" />',
  '  <application android:label="a > b" android:allowBackup="true">',
  '    <![CDATA[ <service android:name=".InCdata"/> ]]>',
  '    <activity android:name=".MainActivity" android:exported="true">',
  '      <intent-filter><action android:name="android.intent.action.MAIN"/></intent-filter>',
  '      <intent-filter>',
  '        <action android:name="android.intent.action.VIEW"/>',
  '      </intent-filter>',
  '    </activity>',
  "    <provider android:name='com.sdk.InitProvider' tools:node=\"merge\"/>",
  '    <service android:name="Sync"/>',
  '    <meta-data android:name="KEY/with/slashes" android:value="x"/>',
  '  </application>',
  '</manifest>',
].join('\r\n');

describe('elementPositions (the position index over plain-text XML)', () => {
  it('gives every start tag its line, column and depth, and every attribute its position', () => {
    const els = elementPositions(MANIFEST);
    expect(els.map((e) => `${e.name}@${e.line}:${e.column}/${e.depth}`)).toEqual([
      'manifest@3:1/0',
      'uses-permission@5:3/1',
      'uses-permission@6:3/1',
      'application@8:3/1',
      'activity@10:5/2',
      'intent-filter@11:7/3',
      'action@11:22/4',
      'intent-filter@12:7/3',
      'action@13:9/4',
      'provider@16:5/2',
      'service@17:5/2',
      'meta-data@18:5/2',
    ]);
    const second = els[2];
    expect(second?.attrs).toEqual([{ name: 'android:name', line: 7, column: 7 }]);
    // A quoted `>` does not end the tag: the next attribute is still found.
    expect(els[3]?.attrs.map((a) => `${a.name}@${a.line}:${a.column}`)).toEqual(['android:label@8:16', 'android:allowBackup@8:38']);
  });

  it('skips comments, CDATA, processing instructions and a DOCTYPE with an internal subset', () => {
    expect(elementPositions('<?pi x?><!DOCTYPE m [<!ELEMENT m ANY>]><m><!-- <x/> --><![CDATA[<y/>]]><z/></m>').map((e) => e.name)).toEqual(['m', 'z']);
  });

  it('counts columns in UTF-16 code units and lines over LF, CRLF and a final line without newline', () => {
    const els = elementPositions('<a>\n<b 名="值" c="1"/>\r\n  <d/></a>');
    expect(els.map((e) => [e.name, e.line, e.column])).toEqual([
      ['a', 1, 1],
      ['b', 2, 1],
      ['d', 3, 3],
    ]);
    expect(els[1]?.attrs.map((a) => a.column)).toEqual([4, 10]);
  });

  it('stops, without throwing, on text that is not XML', () => {
    expect(() => elementPositions('<a b="unterminated><c')).not.toThrow();
    expect(elementPositions('< a><1/><-->')).toEqual([]);
  });
});

describe('parseTextXml positions', () => {
  it('sets line and column on elements and attributes of the parsed tree', () => {
    const doc = parseTextXml(MANIFEST);
    expect([doc.root.line, doc.root.column]).toEqual([3, 1]);
    const app = doc.root.children.find((c) => c.name === 'application');
    expect([app?.line, app?.column]).toEqual([8, 3]);
    const backup = app?.attrs.find((a) => a.name === 'allowBackup');
    expect([backup?.line, backup?.column]).toEqual([8, 38]);
  });
});

describe('evidence paths in a plain-text manifest', () => {
  const doc = parseTextXml(MANIFEST);
  const at = (path: string): unknown => locateEvidencePath(doc, path, 'com.example.app');

  it('parses the paths the manifest builder makes, keys with slashes included', () => {
    expect(parseEvidencePath("/manifest/application/meta-data[@android:name='KEY/with/slashes']")).toEqual([
      { kind: 'element', name: 'manifest' },
      { kind: 'element', name: 'application' },
      { kind: 'element', name: 'meta-data', key: 'KEY/with/slashes' },
    ]);
    expect(parseEvidencePath('/manifest/application/activity[2]/@android:exported')).toEqual([
      { kind: 'element', name: 'manifest' },
      { kind: 'element', name: 'application' },
      { kind: 'element', name: 'activity', index: 2 },
      { kind: 'attribute', prefix: 'android', name: 'exported' },
    ]);
    expect(parseEvidencePath('manifest')).toBeUndefined();
    expect(parseEvidencePath("/manifest/x[@android:name='open")).toBeUndefined();
    expect(parseEvidencePath('/manifest/x[abc]')).toBeUndefined();
  });

  it('finds permissions by name, components by qualified class name, filters by position, attributes', () => {
    expect(at("/manifest/uses-permission[@android:name='android.permission.READ_CONTACTS']")).toEqual({ line: 6, column: 3 });
    expect(at("/manifest/application/activity[@android:name='com.example.app.MainActivity']")).toEqual({ line: 10, column: 5 });
    expect(at("/manifest/application/service[@android:name='com.example.app.Sync']")).toEqual({ line: 17, column: 5 });
    expect(at("/manifest/application/provider[@android:name='com.sdk.InitProvider']")).toEqual({ line: 16, column: 5 });
    expect(at("/manifest/application/activity[@android:name='com.example.app.MainActivity']/intent-filter[2]")).toEqual({ line: 12, column: 7 });
    expect(at("/manifest/application/meta-data[@android:name='KEY/with/slashes']")).toEqual({ line: 18, column: 5 });
    expect(at('/manifest/application/@android:allowBackup')).toEqual({ line: 8, column: 38 });
  });

  it('an attribute left at its default points at its element; an element not in the file is not found', () => {
    expect(at('/manifest/application/@android:debuggable')).toEqual({ line: 8, column: 3, attributeMissing: true });
    expect(at("/manifest/application/activity[@android:name='com.example.app.Gone']")).toBeUndefined();
    expect(at("/manifest/application/activity[@android:name='com.example.app.MainActivity']/intent-filter[3]")).toBeUndefined();
    expect(at('/other/application')).toBeUndefined();
  });
});
