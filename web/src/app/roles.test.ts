import { describe, expect, it } from 'vitest';
import { landingPathFor, safeNext } from './roles';

describe('safeNext', () => {
  it.each([
    ['/seeker/account', '/seeker/account'],
    ['/admin/users?q=%E5%BC%A0', '/admin/users?q=%E5%BC%A0'],
    [null, null],
    ['', null],
    // Open redirects: protocol-relative, absolute and backslash tricks leave the site.
    ['//evil.example/x', null],
    ['https://evil.example', null],
    ['/\\evil.example', null],
    ['javascript:alert(1)', null],
  ])('%s → %s', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });
});

describe('landingPathFor', () => {
  it('follows next inside the role’s own area', () => {
    expect(landingPathFor('seeker', '/seeker/account')).toBe('/seeker/account');
    expect(landingPathFor('college', '/partner/account')).toBe('/partner/account');
  });

  it('goes home instead of into another role’s area', () => {
    expect(landingPathFor('seeker', '/admin/users')).toBe('/seeker');
    expect(landingPathFor('staff', null)).toBe('/staff');
    expect(landingPathFor('agency', '//evil.example')).toBe('/partner');
  });

  it('allows the role-neutral change-password page', () => {
    expect(landingPathFor('admin', '/change-password?next=%2Fadmin')).toBe('/change-password?next=%2Fadmin');
  });
});
