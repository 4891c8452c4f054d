package main

type A struct {
	x int `json:"x"`
}

func main() {}
