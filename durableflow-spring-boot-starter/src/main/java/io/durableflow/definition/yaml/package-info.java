/**
 * Internal: may change without notice. Workflow definitions written in YAML (the format
 * of DEFINITIONS.md): read with the line and column of every key and value
 * ({@link io.durableflow.definition.yaml.DefinitionParser}), normalized into an immutable
 * model ({@link io.durableflow.definition.yaml.WorkflowDefinitionModel}), validated with
 * every problem collected ({@link io.durableflow.definition.yaml.DefinitionProblem}), and
 * loaded from packs ({@link io.durableflow.definition.yaml.PackLoader}). Pure: no
 * database, no beans. Depends on the API root and {@code io.durableflow.definition} only.
 */
@NullMarked
package io.durableflow.definition.yaml;

import org.jspecify.annotations.NullMarked;
