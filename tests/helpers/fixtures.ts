import { zipSync } from 'fflate';

/** A NumPy .npy (format 1.0, little-endian float32) of the given shape. */
export function npyBytes(data: ArrayLike<number>, shape: number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += `${' '.repeat((64 - (total % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Array.from(header, (c) => c.charCodeAt(0)), 10);
  new Float32Array(out.buffer, 10 + header.length).set(Array.from(data));
  return out;
}

/** The pickle that torch.save (protocol 2) writes for one contiguous float32 tensor. */
function torchTensorPickle(shape: number[], numel: number): Uint8Array {
  const bytes: number[] = [];
  const text = (s: string) => Array.from(new TextEncoder().encode(s));
  const u32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
  const unicode = (s: string) => [0x58, ...u32(text(s).length), ...text(s)];
  const int = (n: number) => (n < 256 ? [0x4b, n] : [0x4a, ...u32(n)]);
  let memo = 0;
  const put = () => [0x71, memo++];
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const tuple = (xs: number[]) => (xs.length === 3 ? [...xs.flatMap(int), 0x87] : [0x28, ...xs.flatMap(int), 0x74]);
  bytes.push(0x80, 2);
  bytes.push(0x63, ...text('torch._utils\n_rebuild_tensor_v2\n'), ...put());
  bytes.push(0x28, 0x28, ...unicode('storage'), ...put());
  bytes.push(0x63, ...text('torch\nFloatStorage\n'), ...put());
  bytes.push(...unicode('0'), ...put(), ...unicode('cpu'), ...put(), ...int(numel), 0x74, ...put(), 0x51);
  bytes.push(...int(0), ...tuple(shape), ...put(), ...tuple(strides), ...put(), 0x89);
  bytes.push(0x63, ...text('collections\nOrderedDict\n'), ...put(), 0x29, 0x52, ...put());
  bytes.push(0x74, ...put(), 0x52, ...put(), 0x2e);
  return Uint8Array.from(bytes);
}

/** A PyTorch zip checkpoint holding one float32 tensor, laid out as torch.save writes it. */
export function ptBytes(data: ArrayLike<number>, shape: number[]): Uint8Array {
  const storage = new Uint8Array(new Float32Array(Array.from(data)).buffer);
  return zipSync(
    {
      'anchors/data.pkl': torchTensorPickle(shape, data.length),
      'anchors/byteorder': new TextEncoder().encode('little'),
      'anchors/data/0': storage,
      'anchors/version': new TextEncoder().encode('3\n'),
    },
    { level: 0 },
  );
}

/** A small labelled long CSV: 2 classes × `perClass` rows at each λ. */
export function smallCsv(lambdas = [0, 0.5, 1], perClass = 5): string {
  const lines = ['lambda,y0,y1,class'];
  for (const l of lambdas) {
    for (let k = 0; k < 2; k++) for (let i = 0; i < perClass; i++) lines.push(`${l},${(k * 2 + l + i * 0.1).toFixed(3)},${(l - i * 0.05).toFixed(3)},${k}`);
  }
  return `${lines.join('\n')}\n`;
}
