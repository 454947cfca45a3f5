import { describe, expect, it } from 'vitest';
import { parseDex } from '../../src/dex/dex-file.js';
import { ClassHierarchy } from '../../src/dex/hierarchy.js';
import { isReturnVoidOnly } from '../../src/dex/method-analysis.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { fixture } from './helpers.js';

const X509_TM = 'Ljavax/net/ssl/X509TrustManager;';
const scan = parseDex(fixture('scan.dex'), { entry: 'classes.dex' });
const hier2 = parseDex(fixture('hier2.dex'), { entry: 'classes2.dex' });

describe('ClassHierarchy', () => {
  const h = new ClassHierarchy([scan, hier2]);

  it('indexes the classes of every DEX file', () => {
    expect(h.size).toBe(5);
    expect(h.get('Lcom/example/sub/Strict;')).toMatchObject({ superclass: 'Lcom/example/TrustAll;', interfaces: [], dexIndex: 1 });
    expect(h.superclassOf('Lcom/example/TrustAll;')).toBe('Ljava/lang/Object;');
    expect(h.interfacesOf('Lcom/example/TrustAll;')).toEqual([X509_TM]);
    expect(h.definingDex('Lcom/example/sub/Client;')).toBe(hier2);
    expect(h.definingDex('Landroid/app/Activity;')).toBeUndefined();
    expect(h.superclassOf('Landroid/app/Activity;')).toBeUndefined();
  });

  it('follows superclasses and interfaces across DEX files', () => {
    expect(h.isSubclassOf('Lcom/example/TrustAll;', X509_TM)).toBe(true);
    expect(h.isSubclassOf('Lcom/example/sub/Strict;', X509_TM)).toBe(true); // Strict (dex 2) -> TrustAll (dex 1) -> X509TrustManager
    expect(h.isSubclassOf('Lcom/example/sub/Strict;', 'Ljava/lang/Object;')).toBe(true);
    expect(h.isSubclassOf('Lcom/example/sub/Client;', 'Landroid/webkit/WebViewClient;')).toBe(true);
    expect(h.isSubclassOf('Lcom/example/Scan;', X509_TM)).toBe(false);
    expect(h.isSubclassOf(X509_TM, X509_TM)).toBe(false); // not reflexive
    expect(h.isSubclassOf('Lnot/There;', X509_TM)).toBe(false);
  });

  it('finds the classes implementing a framework type and the methods they define', () => {
    expect(h.subclassesOf(X509_TM).map((c) => c.descriptor)).toEqual(['Lcom/example/TrustAll;', 'Lcom/example/sub/Strict;']);
    expect(h.subclassesOf('Ljavax/net/ssl/HostnameVerifier;').map((c) => c.descriptor)).toEqual(['Lcom/example/AllowAll;']);
    const impls = h.implementationsOf(X509_TM, 'checkServerTrusted');
    expect(impls.map((i) => [i.cls.descriptor, i.methods.map((m) => `${m.name}${m.proto}`)])).toEqual([
      ['Lcom/example/TrustAll;', ['checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V']],
      ['Lcom/example/sub/Strict;', ['checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V']],
    ]);
    const [trustAll, strict] = impls.map((i) => i.methods[0]!);
    expect(isReturnVoidOnly(scan, trustAll!.codeOff)).toBe(true); // accepts every certificate
    expect(isReturnVoidOnly(hier2, strict!.codeOff)).toBe(false);
    expect(h.methodsOf('Lcom/example/sub/Client;').map((m) => m.name)).toEqual(['onReceivedSslError']);
    expect(h.methodsOf('Lcom/example/TrustAll;', 'getAcceptedIssuers')).toHaveLength(1);
    expect(h.methodsOf('Lnot/There;')).toEqual([]);
  });

  it('uses supertypes of framework classes when the caller supplies them', () => {
    const ext = new Map([['Ljavax/net/ssl/X509ExtendedTrustManager;', { superclass: 'Ljava/lang/Object;', interfaces: [X509_TM] }]]);
    expect(h.isSubclassOf('Ljavax/net/ssl/X509ExtendedTrustManager;', X509_TM)).toBe(false);
    expect(new ClassHierarchy([scan], { external: ext }).isSubclassOf('Ljavax/net/ssl/X509ExtendedTrustManager;', X509_TM)).toBe(true);
  });

  it('bounds the depth it follows', () => {
    const shallow = new ClassHierarchy([scan, hier2], { maxDepth: 1 });
    expect(shallow.isSubclassOf('Lcom/example/sub/Strict;', 'Lcom/example/TrustAll;')).toBe(true);
    expect(shallow.isSubclassOf('Lcom/example/sub/Strict;', X509_TM)).toBe(false);
  });

  it('keeps the first of duplicate definitions, as the device does', () => {
    const d = new DiagnosticSink();
    const dup = new ClassHierarchy([scan, scan], { diagnostics: d });
    expect(dup.size).toBe(3);
    expect(dup.get('Lcom/example/Scan;')?.dexIndex).toBe(0);
    expect(d.list()).toHaveLength(3);
    expect(d.list()[0]).toMatchObject({ code: 'W_DEX_ODD', message: expect.stringMatching(/also defined in classes\.dex/) });
  });
});

describe('ClassHierarchy on a hostile cycle', () => {
  const cycle = parseDex(fixture('cycle.dex'), { entry: 'classes.dex' });
  const h = new ClassHierarchy([cycle]);

  it('terminates on A extends B extends A and on interface cycles', () => {
    expect(h.superclassOf('Lcycle/A;')).toBe('Lcycle/B;');
    expect(h.superclassOf('Lcycle/B;')).toBe('Lcycle/A;');
    expect(h.isSubclassOf('Lcycle/A;', 'Ljava/lang/Object;')).toBe(false);
    expect(h.isSubclassOf('Lcycle/A;', 'Lcycle/B;')).toBe(true);
    expect(h.isSubclassOf('Lcycle/A;', 'Lcycle/A;')).toBe(true); // reachable from itself through the cycle
    expect(h.isSubclassOf('Lcycle/C;', 'Lcycle/D;')).toBe(true);
    expect(h.isSubclassOf('Lcycle/C;', 'Lnot/There;')).toBe(false);
    expect(h.subclassesOf('Lcycle/A;').map((c) => c.descriptor).sort()).toEqual(['Lcycle/A;', 'Lcycle/B;']);
    expect(h.subclassesOf('Ljava/lang/Runnable;')).toEqual([]);
  });

  it('terminates on a cycle spread over two DEX files', () => {
    const two = new ClassHierarchy([cycle, parseDex(fixture('cycle.dex'), { entry: 'classes2.dex' })]);
    expect(two.isSubclassOf('Lcycle/B;', 'Lnot/There;')).toBe(false);
  });
});
