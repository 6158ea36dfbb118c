import { AppError } from "../../errors.js";

/** Accepted kinds of file: the declared extension must agree with what the bytes are. */
const KINDS = [
  {
    type: "application/pdf",
    extensions: ["pdf"],
    test: (b: Buffer) => b.subarray(0, 5).toString("latin1") === "%PDF-",
  },
  {
    type: "application/vnd.openxmlformats-officedocument",
    extensions: ["docx", "xlsx", "pptx"],
    test: (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  },
  {
    type: "application/x-ole-storage",
    extensions: ["doc", "xls", "ppt"],
    test: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
  },
  { type: "text/plain", extensions: ["txt", "md", "csv"], test: isUtf8Text },
] as const;

const OFFICE_TYPES: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
  csv: "text/csv",
  md: "text/markdown",
};

function isUtf8Text(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The content type to store and serve, decided from the bytes; refuses anything else. */
export function detectContentType(filename: string, bytes: Buffer): string {
  const extension = filename.toLowerCase().split(".").pop() ?? "";
  const kind = KINDS.find((k) => (k.extensions as readonly string[]).includes(extension));
  if (!kind) {
    throw new AppError("VALIDATION", "Invalid input: file: only PDF, Office and text files are accepted", {
      fields: [{ field: "file", message: `'.${extension}' files are not accepted` }],
    });
  }
  if (!kind.test(bytes)) {
    throw new AppError("VALIDATION", `Invalid input: file: the content is not a .${extension} file`, {
      fields: [{ field: "file", message: `the content does not match '.${extension}'` }],
    });
  }
  return OFFICE_TYPES[extension] ?? kind.type;
}
