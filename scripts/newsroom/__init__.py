"""Cheonan smart-city newsroom: turns news releases into bilingual pages and builds the news section."""
