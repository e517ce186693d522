import { describe, expect, it } from 'vitest';
import { escapeLike, searchKey, shortSearchKey } from '../src/search-key.js';

describe('searchKey', () => {
  it('ignores case and diacritics', () => {
    expect(searchKey('Thành phố Hà Nội')).toBe('thanh pho ha noi');
    expect(searchKey('HA NOI')).toBe('ha noi');
  });

  it('maps đ to d', () => {
    expect(searchKey('Quận Đống Đa')).toBe('quan dong da');
    expect(searchKey('đ')).toBe(searchKey('d'));
  });

  it('ignores tone-mark placement', () => {
    expect(searchKey('Hoà Bình')).toBe(searchKey('Hòa Bình'));
    expect(searchKey('Thuỷ')).toBe(searchKey('Thủy'));
  });

  it('reads decomposed input like composed input', () => {
    expect(searchKey('Hà Nội'.normalize('NFD'))).toBe(searchKey('Hà Nội'.normalize('NFC')));
  });

  it('collapses spaces and punctuation', () => {
    expect(searchKey('  Lao động -  Thương binh ')).toBe('lao dong thuong binh');
  });
});

describe('shortSearchKey', () => {
  it('drops the unit-type prefix', () => {
    expect(shortSearchKey('Thành phố Hà Nội')).toBe('ha noi');
    expect(shortSearchKey('Tỉnh Hoà Bình')).toBe('hoa binh');
    expect(shortSearchKey('Thị xã Sơn Tây')).toBe('son tay');
    expect(shortSearchKey('Thị trấn Đồng Đăng')).toBe('dong dang');
    expect(shortSearchKey('Phường 1')).toBe('1');
    expect(shortSearchKey('Đặc khu Côn Đảo')).toBe('con dao');
  });

  it('keeps names without a prefix', () => {
    expect(shortSearchKey('Bộ Tài chính')).toBe('bo tai chinh');
    expect(shortSearchKey('Xã')).toBe('xa');
  });
});

describe('escapeLike', () => {
  it('escapes pattern characters', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
