package main

func main() {
	for i := range "abc" {
		_ = i
	}
}
