import type { ExternalSupertypes } from '../dex/hierarchy.js';

/**
 * Supertypes of framework classes that apps extend, so that class-hierarchy questions ("is this a
 * Context?", "is this a TrustManager?") can be answered for app classes whose ancestors live in
 * the platform, not in the APK. From the Android SDK's public class hierarchy.
 */
const OBJ = 'Ljava/lang/Object;';
const CONTEXT_WRAPPER = 'Landroid/content/ContextWrapper;';

export const FRAMEWORK_SUPERTYPES: ExternalSupertypes = new Map<string, { superclass: string | null; interfaces: readonly string[] }>([
  ['Landroid/content/Context;', { superclass: OBJ, interfaces: [] }],
  [CONTEXT_WRAPPER, { superclass: 'Landroid/content/Context;', interfaces: [] }],
  ['Landroid/view/ContextThemeWrapper;', { superclass: CONTEXT_WRAPPER, interfaces: [] }],
  ['Landroid/app/Activity;', { superclass: 'Landroid/view/ContextThemeWrapper;', interfaces: [] }],
  ['Landroid/app/Service;', { superclass: CONTEXT_WRAPPER, interfaces: [] }],
  ['Landroid/app/Application;', { superclass: CONTEXT_WRAPPER, interfaces: [] }],
  ['Landroid/app/IntentService;', { superclass: 'Landroid/app/Service;', interfaces: [] }],
  ['Landroid/app/ListActivity;', { superclass: 'Landroid/app/Activity;', interfaces: [] }],
  ['Landroid/app/TabActivity;', { superclass: 'Landroid/app/Activity;', interfaces: [] }],
  ['Landroid/preference/PreferenceActivity;', { superclass: 'Landroid/app/ListActivity;', interfaces: [] }],
  ['Landroid/accessibilityservice/AccessibilityService;', { superclass: 'Landroid/app/Service;', interfaces: [] }],
  ['Landroid/service/notification/NotificationListenerService;', { superclass: 'Landroid/app/Service;', interfaces: [] }],
  ['Landroid/inputmethodservice/InputMethodService;', { superclass: 'Landroid/inputmethodservice/AbstractInputMethodService;', interfaces: [] }],
  ['Landroid/inputmethodservice/AbstractInputMethodService;', { superclass: 'Landroid/app/Service;', interfaces: [] }],
  ['Ljavax/net/ssl/X509ExtendedTrustManager;', { superclass: OBJ, interfaces: ['Ljavax/net/ssl/X509TrustManager;'] }],
  ['Ljavax/net/ssl/X509TrustManager;', { superclass: null, interfaces: ['Ljavax/net/ssl/TrustManager;'] }],
  ['Landroid/net/http/X509TrustManagerExtensions;', { superclass: OBJ, interfaces: [] }],
  ['Lorg/apache/http/conn/ssl/AllowAllHostnameVerifier;', { superclass: 'Lorg/apache/http/conn/ssl/AbstractVerifier;', interfaces: [] }],
  ['Lorg/apache/http/conn/ssl/AbstractVerifier;', { superclass: OBJ, interfaces: ['Lorg/apache/http/conn/ssl/X509HostnameVerifier;'] }],
  ['Lorg/apache/http/conn/ssl/X509HostnameVerifier;', { superclass: null, interfaces: ['Ljavax/net/ssl/HostnameVerifier;'] }],
]);

export const CONTEXT = 'Landroid/content/Context;';
