package io.durableflow.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Request bodies read with a size limit before anything parses them: a body over the
 * limit is refused with 413, whether it says its length or not.
 */
final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * The body's bytes.
	 * @param setting the property that sets the limit, for the message
	 * @throws PayloadTooLargeException if the body is larger than {@code limit}
	 */
	static byte[] read(HttpServletRequest request, long limit, String setting) throws IOException {
		if (request.getContentLengthLong() > limit) {
			throw new PayloadTooLargeException(limit, setting);
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
		}
		if (body.length > limit) {
			throw new PayloadTooLargeException(limit, setting);
		}
		return body;
	}

	/** The body as UTF-8 text; anything else is a bad request. */
	static String text(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new DurableFlowApiController.BadApiRequestException("The request body is not UTF-8 text");
		}
	}

	/** A body over its limit: answered with 413. */
	static class PayloadTooLargeException extends RuntimeException {

		PayloadTooLargeException(long limit, String setting) {
			super("The request body is larger than " + limit + " bytes (" + setting + ")");
		}

	}

}
