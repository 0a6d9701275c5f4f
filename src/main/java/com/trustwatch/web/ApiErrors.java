package com.trustwatch.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For the OpenAPI document (generated at build time): the refusals every endpoint of a controller may
 * answer with, and their body, {@link ApiError}. Put on each controller class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(responseCode = "400", description = "Malformed request (unreadable JSON, wrong media type)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "401", description = "No credentials, or wrong ones (HTTP Basic)")
@ApiResponse(responseCode = "403", description = "The login's role may not do this")
@ApiResponse(responseCode = "404", description = "No such matter, evaluation, item or row",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "422", description = "Refused input; nothing was changed; every bad field, line or cell named",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "429", description = "Too many failed logins for this user or address; see Retry-After",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "503", description = "The service is stopping; try again (Retry-After)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
public @interface ApiErrors {
}
