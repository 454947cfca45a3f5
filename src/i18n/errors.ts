import type { Lang } from '../model/index.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../util/diagnostics.js';
import { ERROR_CODES, type ErrorCode } from '../util/errors.js';

/**
 * What each error and diagnostic code means, in Chinese. The English meanings live beside the
 * codes (src/util/errors.ts, src/util/diagnostics.ts), which are the registry; a test checks that
 * both tables have the same codes.
 */
export const ERROR_CODES_ZH: Record<ErrorCode, string> = {
  E_USAGE: '命令行用法错误',
  E_CONFIG: '配置文件缺失、无法读取或内容无效',
  E_POLICY_UNREADABLE: '无法读取 --policy 指定的隐私政策文件（文件不存在、不是普通文件、没有权限或超过 8 MiB）',
  E_POLICY_UNSUPPORTED: '--policy 指定的隐私政策文件不是 .txt、.md 或 .html 文件',
  E_POLICY_INVALID: '--policy 指定的隐私政策文件不是 UTF-8、UTF-16（带字节序标记）或 GB18030 编码的文本，或没有任何文字',
  E_OUTPUT_UNWRITABLE: '无法写入报告或基线文件（目标是目录、没有权限，或上级路径不是目录）',
  E_BATCH_UNAVAILABLE: '批量模式所需的可选依赖包未安装（结果库需要 better-sqlite3，任务队列需要 bullmq）',
  E_INPUT_NOT_FOUND: '输入路径不存在',
  E_INPUT_UNREADABLE: '无法读取输入（权限、I/O 错误或不是普通文件）',
  E_INPUT_UNSUPPORTED: '输入既不是 APK、拆分包，也不是 AndroidManifest.xml',
  E_INPUT_TOO_LARGE: '输入文件超过大小上限',
  E_INPUT_SYMLINK_LOOP: '输入是无法解析的符号链接（链接成环）',
  E_SPLITS_NO_BASE: '一组拆分 APK（一起给出，或在 .apks/.xapk 中）没有基础 APK，或应用包（.aab）没有 base 模块',
  E_SPLITS_MISMATCH: '一起给出的拆分 APK 不属于同一个应用（包名或 versionCode 不一致）',
  E_PROTO_MALFORMED: '应用包中的 protobuf 文件（清单、resources.pb、BundleConfig.pb、toc.pb）格式错误',
  E_ZIP_NO_EOCD: '找不到中央目录结束记录：不是 zip 文件，或文件已被截断',
  E_ZIP_BAD_EOCD: '中央目录结束记录与文件不一致',
  E_ZIP_MULTI_DISK: '不支持分卷 zip（Android 同样拒绝）',
  E_ZIP64_BAD: 'ZIP64 中央目录结束结构损坏',
  E_ZIP_BAD_CD: '中央目录中有损坏的记录',
  E_ZIP_BAD_LFH: '本地文件头缺失或损坏',
  E_ZIP_DUPLICATE_ENTRY: '两个条目同名（Android 拒绝安装此类 APK）',
  E_ZIP_ENTRY_OUT_OF_BOUNDS: '某个条目的数据超出文件范围',
  E_ZIP_INFLATE: '某个条目无法解压（deflate 数据流损坏）',
  E_ZIP_SIZE_MISMATCH: '某个条目的数据大小与中央目录声明的不符',
  E_ZIP_ENTRY_NOT_FOUND: '请求的条目不在压缩包中',
  E_LIMIT_ENTRIES: '压缩包条目数超过上限',
  E_LIMIT_ENTRY_SIZE: '某个条目解压后超过单条目上限',
  E_LIMIT_TOTAL_SIZE: '解压总量超过单个应用的上限',
  E_LIMIT_RATIO: '某个条目的压缩比超过上限（疑似 zip 炸弹）',
  E_LIMIT_ELEMENTS: '某个结构的元素数超过上限',
  E_APK_NO_MANIFEST: 'APK 中没有 AndroidManifest.xml',
  E_AXML_BAD_HEADER: '二进制 XML 文件头无效',
  E_AXML_BAD_CHUNK: '二进制 XML 中有无效的数据块',
  E_AXML_BAD_STRING_POOL: '字符串池无效',
  E_AXML_NO_ROOT: '二进制 XML 没有根元素',
  E_XML_SYNTAX: '文本 XML 无法解析',
  E_MANIFEST_INVALID: '清单文件没有 <manifest> 根元素',
  E_ARSC_BAD_CHUNK: 'resources.arsc 中有无效的数据块',
  E_DEX_BAD_MAGIC: 'DEX 文件的魔数错误或版本不受支持',
  E_DEX_BAD_HEADER: 'DEX 文件头与文件内容不一致',
  E_DEX_OUT_OF_BOUNDS: 'DEX 中的表、偏移或计数指向文件之外',
  E_SIG_MALFORMED: '签名或签名块损坏',
  E_TIMEOUT: '分析此应用超过时间上限',
  E_MEMORY: '分析此应用超过内存上限',
  E_WORKER_CRASHED: '分析此应用的工作线程意外退出',
  E_QUEUE_FAILED: '任务队列放弃了此应用（其工作进程丢失，或每次尝试都出现暂时性失败）',
  E_QUEUE_UNAVAILABLE: '无法连接任务队列（Redis）',
  E_STORE_INVALID: '结果库无法打开、不是 pledge-audit 结果库，或其格式版本更新',
  E_RULE_CRASHED: '某项检查因内部错误而失败（pledge-audit 的缺陷）',
  E_INTERNAL: '内部错误（pledge-audit 的缺陷）',
};

export const DIAGNOSTIC_CODES_ZH: Record<DiagnosticCode, string> = {
  W_ZIP_ENCRYPTED_FLAG: '通用标志位 0（"加密"）已置位但被忽略，与 Android 的处理一致',
  W_ZIP_LFH_MISMATCH: '本地文件头与中央目录不一致；与 Android 一样以中央目录为准',
  W_ZIP_UNKNOWN_METHOD: '未知压缩方法：数据是 deflate 时按 deflate 解压（libziparchive、apksig），否则按存储读取（androidfw）',
  W_ZIP_COMMENT_GARBAGE: '中央目录与结束记录之间有多余字节，或注释长度不符',
  W_ZIP_PREPENDED_DATA: '第一个本地文件头之前有数据（例如 Janus 式前置 DEX）',
  W_ZIP_SUSPICIOUS_NAME: '条目名为绝对路径，或含 ".."、反斜杠或 NUL',
  W_ZIP_BAD_CRC: '某个条目的 CRC-32 与其数据不符',
  W_ZIP_DUPLICATE_ENTRY: '两个条目同名；Android 会拒绝安装此类 APK',
  W_AXML_SIZE_MISMATCH: '二进制 XML 头部声明的大小与数据不符；Android 忽略多余字节',
  W_AXML_UNKNOWN_CHUNK: '跳过未知类型的数据块，与 Android 一致',
  W_AXML_BAD_STRING: '字符串池中的字符串未结束或越界；已修复',
  W_AXML_NAME_MASKED: '属性名字符串与其资源 ID 不符（加固工具的遮蔽手法）；以资源 ID 为准',
  W_AXML_NAMESPACE_ODD: '命名空间声明不配对、重复或不寻常',
  W_AXML_NODE_SKIPPED: '跳过了一个损坏的节点',
  W_AXML_TRUNCATED: '文档在所有元素闭合之前结束',
  W_AXML_STYLES_IGNORED: '忽略了字符串池的样式数据',
  W_MANIFEST_ODD: 'Android 能容忍、但其他工具会误读的清单结构（重复或错位的元素）',
  W_ARSC_ODD: 'resources.arsc 中可容忍的异常',
  W_DEX_METHOD_SKIPPED: '某个方法的代码损坏；已跳过该方法',
  W_DEX_FAILED: '某个 DEX 文件或其表中的部分条目无法读取；其余部分已分析，依赖代码的条款最多给出待复核',
  W_DEX_ODD: '可容忍的 DEX 异常（校验和、映射表、不寻常的布局）',
  W_SIG_MALFORMED: '签名数据损坏；签名信息不完整',
  W_ARTIFACT_FAILED: '某个可选部分无法解码；依赖它的检查最多给出待复核',
  W_SPLIT_SIGNER: '某个拆分 APK 未签名，或签名证书与基础 APK 不同（Android 拒绝将其与基础 APK 一起安装）',
  W_LIMIT_TRUNCATED: '有界读取在上限处停止；证据可能不完整',
};

export function errorMeaning(code: string, lang: Lang): string {
  if (lang === 'zh') return (ERROR_CODES_ZH as Record<string, string>)[code] ?? (DIAGNOSTIC_CODES_ZH as Record<string, string>)[code] ?? code;
  return (ERROR_CODES as Record<string, string>)[code] ?? (DIAGNOSTIC_CODES as Record<string, string>)[code] ?? code;
}
