// libsrtp 3 API (what mediasoup 3.27 uses) over Debian's libsrtp 2.5 (C++ only).
// mediasoup uses one key per session, no MKI and no cryptex, so this small mapping is enough.
// libsrtp 3 makes srtp_policy_t an opaque heap object; libsrtp 2's struct of that name is renamed
// while its header is read, so the name is free for the pointer type.
#ifndef VA_SRTP3_COMPAT_H
#define VA_SRTP3_COMPAT_H

#include <cstddef>
#include <cstdint>
#include <cstring>

#define srtp_policy_t va_srtp2_policy_t
#include <srtp2/srtp.h>
#undef srtp_policy_t

// The two error codes libsrtp 3 added (after srtp_err_status_pkt_idx_adv = 27).
constexpr srtp_err_status_t srtp_err_status_buffer_small = static_cast<srtp_err_status_t>(28);
constexpr srtp_err_status_t srtp_err_status_cryptex_err  = static_cast<srtp_err_status_t>(29);

struct va_srtp3_policy
{
	va_srtp2_policy_t policy;
	unsigned char key[SRTP_MAX_KEY_LEN];
};
typedef va_srtp3_policy* srtp_policy_t;

inline srtp_err_status_t srtp_policy_create(srtp_policy_t* out)
{
	auto* p = new va_srtp3_policy();
	std::memset(p, 0, sizeof(*p));
	p->policy.key = p->key;
	*out          = p;
	return srtp_err_status_ok;
}

inline void srtp_policy_destroy(srtp_policy_t p)
{
	delete p;
}

inline srtp_err_status_t srtp_policy_set_ssrc(srtp_policy_t p, srtp_ssrc_t ssrc)
{
	p->policy.ssrc = ssrc;
	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_profile(srtp_policy_t p, srtp_profile_t profile)
{
	const srtp_err_status_t err = srtp_crypto_policy_set_from_profile_for_rtp(&p->policy.rtp, profile);
	if (err != srtp_err_status_ok)
		return err;
	return srtp_crypto_policy_set_from_profile_for_rtcp(&p->policy.rtcp, profile);
}

inline srtp_err_status_t srtp_policy_add_key(
  srtp_policy_t p,
  const uint8_t* key,
  size_t keyLen,
  const uint8_t* salt,
  size_t saltLen,
  const uint8_t* mki,
  size_t mkiLen)
{
	if (mki != nullptr || mkiLen != 0)
		return srtp_err_status_bad_param;
	if (keyLen + saltLen > sizeof(p->key))
		return srtp_err_status_bad_param;
	std::memcpy(p->key, key, keyLen);
	std::memcpy(p->key + keyLen, salt, saltLen);
	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_allow_repeat_tx(srtp_policy_t p, bool allow)
{
	p->policy.allow_repeat_tx = allow ? 1 : 0;
	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_window_size(srtp_policy_t p, size_t size)
{
	p->policy.window_size = static_cast<unsigned long>(size);
	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_create(srtp_t* session, srtp_policy_t p)
{
	return srtp_create(session, &p->policy);
}

inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

// libsrtp 2 works in place with int lengths; libsrtp 3 takes separate buffers with size_t lengths.
// Protecting RTCP appends the SRTCP index (4 bytes) besides the trailer, hence the extra room.
inline srtp_err_status_t va_srtp_in_place(
  srtp_err_status_t (*fn)(srtp_t, void*, int*),
  srtp_t ctx,
  const uint8_t* in,
  size_t inLen,
  uint8_t* out,
  size_t* outLen,
  size_t room)
{
	if (*outLen < inLen + room)
		return srtp_err_status_buffer_small;
	if (in != out)
		std::memmove(out, in, inLen);
	int len = static_cast<int>(inLen);
	const srtp_err_status_t err = fn(ctx, out, &len);
	if (err != srtp_err_status_ok)
		return err;
	*outLen = static_cast<size_t>(len);
	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t /*mkiIndex*/)
{
	return va_srtp_in_place(srtp_protect, ctx, rtp, rtpLen, srtp, srtpLen, SRTP_MAX_TRAILER_LEN);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t /*mkiIndex*/)
{
	return va_srtp_in_place(srtp_protect_rtcp, ctx, rtcp, rtcpLen, srtcp, srtcpLen, SRTP_MAX_TRAILER_LEN + 4);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	*rtpLen = srtpLen; // the output never grows
	return va_srtp_in_place(srtp_unprotect, ctx, srtp, srtpLen, rtp, rtpLen, 0);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	*rtcpLen = srtcpLen; // the output never grows
	return va_srtp_in_place(srtp_unprotect_rtcp, ctx, srtcp, srtcpLen, rtcp, rtcpLen, 0);
}

#endif
