package io.nftkeeper.provider.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaMarkdownTest {

    @Test
    void nestedAttributesGetTheirOwnSectionLikeNestedBlocks() throws Exception {
        String block = """
                {"attributes": {
                  "host": {"type": "string", "optional": true, "computed": true, "description": "The host."},
                  "tables": {"nested_type": {"nesting_mode": "list", "attributes": {
                      "name": {"type": "string", "computed": true, "description": "Table name."},
                      "managed": {"type": "bool", "computed": true}}},
                    "computed": true, "description": "The tables."}}}
                """;

        String markdown = SchemaMarkdown.render(new ObjectMapper().readTree(block));

        assertThat(markdown).isEqualTo("""
                ### Optional

                - `host` (String) The host.

                ### Read-Only

                - `tables` (Attributes List) The tables. (see [below for nested schema](#nestedatt--tables))


                <a id="nestedatt--tables"></a>
                ### Nested Schema for `tables`

                ### Read-Only

                - `managed` (Boolean)
                - `name` (String) Table name.

                """);
    }
}
