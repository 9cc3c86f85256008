package io.github.microservicestarter.demo.user.store;

import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.DefaultNamingStrategy;
import org.springframework.data.relational.core.mapping.NamingStrategy;

/**
 * Spring Data JDBC's mapping as Spring Boot builds it, but with SQL names left unquoted. Quoted,
 * the names given in {@code @Table} and {@code @MappedCollection} keep their lower case, which H2
 * does not match with the upper case it gives the schema's unquoted names. Unquoted, every name
 * folds to the database's case, in the schema and in the queries alike, on H2 and PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class UnquotedIdentifiersConfiguration {

	@Bean
	JdbcMappingContext jdbcMappingContext(Optional<NamingStrategy> namingStrategy,
			JdbcCustomConversions customConversions, RelationalManagedTypes jdbcManagedTypes) {
		JdbcMappingContext context = new JdbcMappingContext(namingStrategy.orElse(DefaultNamingStrategy.INSTANCE));
		context.setSimpleTypeHolder(customConversions.getSimpleTypeHolder());
		context.setManagedTypes(jdbcManagedTypes);
		context.setForceQuote(false);
		return context;
	}

}
