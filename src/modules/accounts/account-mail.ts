import type { MailContent } from "../mail/index.js";

/** Hours a verification link stays valid; minutes a mailed password-reset link does. */
export const VERIFY_TOKEN_HOURS = 24;
export const MAILED_RESET_MINUTES = 60;

/** The sign-up (or change of address) link. */
export function verificationMail(displayName: string, token: string): MailContent {
  return {
    subjectTh: "ยืนยันอีเมลของคุณ",
    subjectEn: "Confirm your e-mail address",
    bodyTh: `สวัสดีคุณ${displayName}\nกรุณาเปิดลิงก์ด้านล่างภายใน ${VERIFY_TOKEN_HOURS} ชั่วโมงเพื่อยืนยันอีเมลนี้ หากคุณไม่ได้สมัคร ไม่ต้องทำอะไร`,
    bodyEn: `Hello ${displayName},\nopen the link below within ${VERIFY_TOKEN_HOURS} hours to confirm this address. If you did not sign up, do nothing.`,
    // in the fragment: browsers never send it, so the token stays out of server and proxy logs
    link: `/account/verify#token=${encodeURIComponent(token)}`,
  };
}

/** To the holder of an address someone tried to sign up with again (the sign-up page says nothing about it). */
export function addressInUseMail(): MailContent {
  return {
    subjectTh: "มีผู้พยายามสมัครด้วยอีเมลของคุณ",
    subjectEn: "Someone tried to sign up with your address",
    bodyTh: "มีผู้พยายามสมัครบัญชีใหม่ด้วยอีเมลนี้ ซึ่งมีบัญชีอยู่แล้ว หากเป็นคุณ ให้เข้าสู่ระบบด้วยอีเมลนี้ หรือใช้ “ลืมรหัสผ่าน” หากไม่ใช่คุณ ไม่ต้องทำอะไร บัญชีของคุณไม่มีการเปลี่ยนแปลง",
    bodyEn: "Someone tried to open a new account with this address, which already has one. If it was you, log in with this address, or use “Forgot password”. If it was not you, do nothing: your account has not changed.",
    link: "/login",
  };
}

/** The mailed one-time password-reset link. */
export function resetMail(token: string): MailContent {
  return {
    subjectTh: "ตั้งรหัสผ่านใหม่",
    subjectEn: "Set a new password",
    bodyTh: `มีคำขอตั้งรหัสผ่านใหม่สำหรับบัญชีที่ใช้อีเมลนี้ เปิดลิงก์ด้านล่างภายใน ${MAILED_RESET_MINUTES} นาที หากคุณไม่ได้ขอ ไม่ต้องทำอะไร รหัสผ่านเดิมยังใช้ได้`,
    bodyEn: `Someone asked to set a new password for the account with this address. Open the link below within ${MAILED_RESET_MINUTES} minutes. If it was not you, do nothing: your password has not changed.`,
    link: `/reset-password#token=${encodeURIComponent(token)}`,
  };
}
